package io.leaseledger.events.subnet;

/** Why the server sends no reply. Silence is the RFC's answer in each of these cases. */
public enum SilentReason {
    /** SELECTING another server: the client turned our offer down (RFC 2131 §4.3.2). */
    SELECTED_ANOTHER_SERVER,
    /** DHCP never leases from an unmanaged subnet (MAAS). */
    SUBNET_UNMANAGED,
    /** The subnet was removed, or never defined. */
    SUBNET_NOT_SERVED,
    /** No free address: like Kea and dhcpd, no OFFER and no NAK; the client retries. */
    POOL_EXHAUSTED,
    /** A non-authoritative server does not NAK what it cannot grant (RFC 2131 §4.3.2). */
    NOT_AUTHORITATIVE,
    /** DECLINE and RELEASE get no reply by definition; the decision was recorded. */
    NO_REPLY_DEFINED,
    /** DECLINE or RELEASE of an address this client does not hold here: nothing to do. */
    NOT_HELD_BY_CLIENT,
    /** A message that is malformed for its kind (DECLINE without option 50, ...). */
    MALFORMED
}
