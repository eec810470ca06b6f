package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Clears the devices heard on this subnet's links from the discovered devices list (all, or those
 * of a MAC and/or an address): emits {@link DiscoveriesCleared}. Returns whether the subnet
 * recorded it ({@code false} for a subnet not served). The fields are those of the event.
 */
public record ClearDiscoveries(@TargetAggregateIdentifier SubnetId subnetId,
                               @PersonalData("hardware address") MacAddress mac, Ipv4Address address, Instant at)
        implements SubnetCommand {
    public ClearDiscoveries {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(at, "at");
    }
}
