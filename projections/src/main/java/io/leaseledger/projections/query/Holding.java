package io.leaseledger.projections.query;

import io.leaseledger.projections.IntervalKind;

import java.time.Instant;

/**
 * One interval of an address's history, [{@code from}, {@code to}): who held it (LEASE) or who
 * declined it (PROBATION). {@code to} is null while open; an open lease still ends at
 * {@code expiresAt} unless renewed. {@code endedBy}: RELEASED, EXPIRED, DECLINED, REASSIGNED
 * (another client got the address), MOVED (the client got another address), PROBATION_ENDED;
 * null while open.
 */
public record Holding(String subnet, String address, IntervalKind kind, String mac, String clientId,
                      String hostname, String relay, Instant from, Instant to, Instant expiresAt, int renewals,
                      String endedBy) {

    /** True when the interval covers {@code instant}: from <= instant < to, and before the lease ran out. */
    public boolean covers(Instant instant) {
        return !instant.isBefore(from) && (to == null || instant.isBefore(to))
                && (expiresAt == null || instant.isBefore(expiresAt));
    }
}
