package io.leaseledger.wire.transport;

/** The kinds of server reply that RFC 2131 addresses differently. */
public enum ReplyKind {
    /** DHCPOFFER. */
    OFFER,
    /** DHCPACK to a DHCPREQUEST. */
    ACK,
    /** DHCPNAK: the client's address is wrong, so never unicast to it (RFC 2131 §4.1). */
    NAK,
    /** DHCPACK to a DHCPINFORM: the client has an address and asked for its source (RFC 2131 §4.3.5). */
    ACK_TO_INFORM
}
