package io.leaseledger.projections.query;

import io.leaseledger.projections.Decision;

import java.time.Instant;

/**
 * One decision of a subnet ({@code transaction_log}), {@code sequence} being its place in the
 * subnet's event stream. {@code detail}: the grant kind (NEW, RENEWED, REBOUND, INIT_REBOOT), the
 * NAK reason, the withdrawal reason, for OBSERVED_IN_USE what the server had the address as
 * (FREE, OFFERED, LEASED, RESERVED, PROBATION; {@code mac} is the device seen, "-" for one that only answered an ICMP echo, {@code expiresAt}
 * the end of its hold, {@code transactionId} "-"); {@code address} is null for POOL_EXHAUSTED.
 */
public record LogEntry(String subnet, long sequence, Instant at, Decision decision, String detail, String address,
                       String mac, String clientId, String hostname, String vendorClass, String relay,
                       String circuitId, String remoteId, String transactionId, Long leaseSeconds,
                       Instant expiresAt) {
}
