package io.leaseledger.projections;

/**
 * The kind of a {@code transaction_log} row: one per lease event, pool exhaustion, address seen in
 * use or other DHCP server heard.
 */
public enum Decision {
    OFFER, GRANT, NAK, DECLINE, RELEASE, EXPIRY, OFFER_WITHDRAWN, PROBATION_ENDED, POOL_EXHAUSTED,
    /** An address seen in use by a device the server did not give it to; detail: what the server had it as. */
    OBSERVED_IN_USE,
    /**
     * Another DHCP server heard answering on the subnet's link; detail: its reply's type and the
     * server ({@code DHCPOFFER from 192.168.1.1}), mac: the client it answered, address: what it gave.
     */
    FOREIGN_SERVER
}
