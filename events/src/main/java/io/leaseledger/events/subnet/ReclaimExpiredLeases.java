package io.leaseledger.events.subnet;

import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Scheduled per subnet: end leases that expired by {@code at} (LeaseExpired), end probations
 * that are over (ProbationEnded) and drop offers held past their time (OfferWithdrawn), oldest
 * first, at most {@code batchLimit} events in all. Returns a {@link ReclaimOutcome}.
 */
public record ReclaimExpiredLeases(@TargetAggregateIdentifier SubnetId subnetId, Instant at, int batchLimit)
        implements SubnetCommand {
    public ReclaimExpiredLeases {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(at, "at");
        if (batchLimit < 1) {
            throw new IllegalArgumentException("batch limit must be at least 1, got " + batchLimit);
        }
    }
}
