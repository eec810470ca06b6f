package io.leaseledger.events.subnet;

import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Add a dynamic (DHCP pool) or reserved range. The range must lie on the subnet's host
 * addresses and overlap no other range. Idempotent for an identical range.
 */
public record AddRange(@TargetAggregateIdentifier SubnetId subnetId, AddressRange range, RangeKind kind, Instant at)
        implements SubnetCommand {
    public AddRange {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(range, "range");
        SubnetCommand.require(kind, "kind");
        SubnetCommand.require(at, "at");
    }
}
