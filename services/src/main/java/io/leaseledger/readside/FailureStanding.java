package io.leaseledger.readside;

import io.leaseledger.groupcommit.CommitHealth;
import java.time.Duration;
import java.util.Optional;

/**
 * The standing of one reader that retries (the projections' tail, a region's consumer): failing
 * from its first failure until it succeeds again, with the latest cause. Written by the reader's
 * thread, read by {@code GET /health} and the metrics.
 */
public final class FailureStanding implements ReadSideHealth {
    private volatile String cause;
    /** When the current run of failures began; meaningful while {@link #cause} is set. */
    private volatile long sinceNanos;

    public void failed(Throwable failure) {
        if (cause == null) {
            sinceNanos = System.nanoTime();
        }
        cause = CommitHealth.describe(failure);
    }

    public void succeeded() {
        cause = null;
    }

    public boolean isFailing() {
        return cause != null;
    }

    @Override
    public Optional<Failing> failing() {
        String latest = cause;
        return latest == null ? Optional.empty()
                : Optional.of(new Failing(Duration.ofNanos(Math.max(0, System.nanoTime() - sinceNanos)), latest));
    }
}
