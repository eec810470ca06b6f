package io.leaseledger.events.subnet;

import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stop serving a subnet: every later message is answered with silence. Its history stays. */
public record RemoveSubnet(@TargetAggregateIdentifier SubnetId subnetId, Instant at) implements SubnetCommand {
    public RemoveSubnet {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(at, "at");
    }
}
