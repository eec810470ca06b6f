package io.leaseledger.projections.query;

import io.leaseledger.projections.LeaseState;

import java.time.Instant;

/**
 * The current state of one address a client has touched ({@code current_lease}).
 *
 * @param grantedAt  first grant of the current holding (renewals keep it); null unless bound,
 *                   released or expired
 * @param expiresAt  OFFERED: end of the offer hold; BOUND: lease end (null = infinite);
 *                   DECLINED: end of probation; RELEASED/EXPIRED: when the lease ended
 * @param changedAt  time of the last event that changed this row
 */
public record Lease(String subnet, String address, LeaseState state, String mac, String clientId, String hostname,
                   String vendorClass, String relay, String circuitId, String remoteId, String transactionId,
                   Instant grantedAt, Instant expiresAt, Instant changedAt) {
}
