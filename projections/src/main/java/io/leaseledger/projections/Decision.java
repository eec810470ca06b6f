package io.leaseledger.projections;

/** The kind of a {@code transaction_log} row: one per lease event, pool exhaustion or address seen in use. */
public enum Decision {
    OFFER, GRANT, NAK, DECLINE, RELEASE, EXPIRY, OFFER_WITHDRAWN, PROBATION_ENDED, POOL_EXHAUSTED,
    /** An address seen in use by a device the server did not give it to; detail: what the server had it as. */
    OBSERVED_IN_USE
}
