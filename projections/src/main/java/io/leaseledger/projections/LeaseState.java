package io.leaseledger.projections;

/** The state of an address in {@code current_lease}. */
public enum LeaseState {
    /** Offered to the client, held until {@code expires_at} (the offer hold time). */
    OFFERED,
    /** Leased (acked) until {@code expires_at}. */
    BOUND,
    /** Declined by the client; out of the pool until {@code expires_at} (probation). */
    DECLINED,
    /** Given back by the client: free, the client remembered. */
    RELEASED,
    /** Ran out and was reclaimed: free, the client remembered. */
    EXPIRED;

    /** Offered, bound and declined addresses cannot be handed to anyone else: they count as used. */
    public boolean inUse() {
        return this == OFFERED || this == BOUND || this == DECLINED;
    }
}
