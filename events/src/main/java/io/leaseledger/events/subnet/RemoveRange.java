package io.leaseledger.events.subnet;

import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Remove a range (exactly as it was added). Leases inside it stay until they end: their holders
 * are refused at the next renewal, so nobody loses an address mid-lease. No-op when absent.
 */
public record RemoveRange(@TargetAggregateIdentifier SubnetId subnetId, AddressRange range, Instant at)
        implements SubnetCommand {
    public RemoveRange {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(range, "range");
        SubnetCommand.require(at, "at");
    }
}
