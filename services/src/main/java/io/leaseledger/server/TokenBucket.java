package io.leaseledger.server;

/**
 * At most {@code perSecond} admissions a second, in bursts of up to {@code burst}: a token per
 * admission, refilled with the time that passed (a clock that steps back refills nothing). Not
 * thread-safe: its callers hold their own lock.
 */
final class TokenBucket {
    private final int perSecond;
    private final int burst;
    private double tokens;
    private long refilledAtNanos;

    TokenBucket(int perSecond, int burst, long nowNanos) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAtNanos = nowNanos;
    }

    /** Takes a token if there is one at {@code nowNanos}. */
    boolean take(long nowNanos) {
        tokens = Math.min(burst, tokens + Math.max(0, nowNanos - refilledAtNanos) * perSecond / 1e9);
        refilledAtNanos = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
