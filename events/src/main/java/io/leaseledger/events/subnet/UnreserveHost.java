package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Drop the host reservation of {@code mac}. A lease it holds runs on until it ends. No-op when absent. */
public record UnreserveHost(@TargetAggregateIdentifier SubnetId subnetId,
                            @PersonalData("hardware address") MacAddress mac, Instant at) implements SubnetCommand {
    public UnreserveHost {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(mac, "mac");
        SubnetCommand.require(at, "at");
    }
}
