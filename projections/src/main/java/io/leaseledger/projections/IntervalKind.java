package io.leaseledger.projections;

/** What an {@code address_interval} row records. */
public enum IntervalKind {
    /** A client held the address: from its grant to the release, expiry, decline or re-lease; renewals extend it. */
    LEASE,
    /** The address was out of the pool after a DECLINE (the client that declined it is recorded). */
    PROBATION
}
