package io.leaseledger.events.subnet;

import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace the lease settings of a subnet (managed, authoritative, times). No-op when unchanged. */
public record ChangeSubnet(@TargetAggregateIdentifier SubnetId subnetId, SubnetSettings settings, Instant at)
        implements SubnetCommand {
    public ChangeSubnet {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(settings, "settings");
        SubnetCommand.require(at, "at");
    }
}
