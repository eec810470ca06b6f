package io.leaseledger.projections;

/** The kind of a {@code transaction_log} row: one per lease event. */
public enum Decision {
    OFFER, GRANT, NAK, DECLINE, RELEASE, EXPIRY, OFFER_WITHDRAWN, PROBATION_ENDED, POOL_EXHAUSTED
}
