package io.leaseledger.events.subnet;

import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace this subnet's PXE settings as a whole ({@link PxeSettings#NONE} clears them). No-op
 * when they are already these.
 */
public record SetPxeSettings(@TargetAggregateIdentifier SubnetId subnetId, PxeSettings pxe, Instant at)
        implements SubnetCommand {
    public SetPxeSettings {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(pxe, "pxe");
        SubnetCommand.require(at, "at");
    }
}
