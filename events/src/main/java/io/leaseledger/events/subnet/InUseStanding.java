package io.leaseledger.events.subnet;

/** What the server had an address as when another device was seen using it. */
public enum InUseStanding {
    /** A free address of the dynamic ranges: the next DISCOVER could have been offered it. */
    FREE,
    /** Offered to a client (another device answered for it before that client took it). */
    OFFERED,
    /** Leased to a client with another hardware address: two devices on one address. */
    LEASED,
    /** Host-reserved for another hardware address: the reservation is kept, the conflict reported. */
    RESERVED,
    /** Declined by a client and in probation: the device its DECLINE was about. */
    PROBATION
}
