package io.leaseledger.projections.query;

import java.time.Instant;

/**
 * The dynamic pool of a subnet during [{@code from}, {@code to}): its size, the most addresses in
 * use at any moment (offered, bound or in probation) and the number in use at the bucket's end.
 * A bucket without events carries the state before it.
 */
public record PoolUsageBucket(String subnet, Instant from, Instant to, long poolSize, long peakInUse,
                              long inUseAtEnd, double peakPercent) {
}
