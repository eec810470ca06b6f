package io.leaseledger.events.subnet;

import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Serve a subnet. Idempotent: defining an existing subnet with the same settings does nothing,
 * with other settings it changes them (configuration is re-applied at every start).
 */
public record DefineSubnet(@TargetAggregateIdentifier SubnetId subnetId, Cidr cidr, SubnetSettings settings,
                           Instant at) implements SubnetCommand {
    public DefineSubnet {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(cidr, "cidr");
        SubnetCommand.require(settings, "settings");
        SubnetCommand.require(at, "at");
        if (!subnetId.equals(SubnetId.of(cidr))) {
            throw new IllegalArgumentException("subnet id " + subnetId + " is not the CIDR " + cidr);
        }
    }

    public static DefineSubnet of(Cidr cidr, SubnetSettings settings, Instant at) {
        return new DefineSubnet(SubnetId.of(cidr), cidr, settings, at);
    }
}
