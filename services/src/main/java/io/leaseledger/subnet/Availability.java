package io.leaseledger.subnet;

/** What stands between one client and one address, as {@link SubnetState#availability} finds it. */
enum Availability {
    /** Nobody holds it and the client may have it. */
    FREE(true, false),
    /** The client itself holds it (its lease or its offer). */
    HELD_BY_CLIENT(true, false),
    /** Another client's lease ran out and was not reclaimed yet: usable after a LeaseExpired. */
    EXPIRED_LEASE(true, true),
    /** Another client's offer is past its hold time: usable after an OfferWithdrawn. */
    STALE_OFFER(true, true),
    /** Its probation is over: usable after a ProbationEnded. */
    PROBATION_OVER(true, true),
    /** Leased to another client. */
    LEASED(false, false),
    /** Offered to another client, still held. */
    OFFERED(false, false),
    /** Declined, in probation. */
    IN_PROBATION(false, false),
    /**
     * Another device was seen using it and its hold is not over: never chosen dynamically, nor
     * granted on request; its own reservation and its own lease are not affected.
     */
    IN_USE_BY_OTHER(false, false),
    /** Reserved for another host. */
    RESERVED_FOR_OTHER(false, false),
    /** Not in a dynamic range and not reserved for this client (reserved range, outside the pool). */
    NOT_ALLOCATABLE(false, false);

    private final boolean usable;
    private final boolean needsReclaim;

    Availability(boolean usable, boolean needsReclaim) {
        this.usable = usable;
        this.needsReclaim = needsReclaim;
    }

    /** The client may be given the address (after reclaiming it first if {@link #needsReclaim()}). */
    boolean usable() {
        return usable;
    }

    boolean needsReclaim() {
        return needsReclaim;
    }
}
