package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reserve {@code address} for the machine with hardware address {@code mac} (static
 * allocation): it gets that address, and nobody else ever does. One address per MAC and one
 * MAC per address; the address must be a host address of the subnet outside reserved ranges.
 * Reserving the same MAC again with another address or name replaces its reservation.
 *
 * @param hostname the name to give the host (option 12), or null
 */
public record ReserveHost(@TargetAggregateIdentifier SubnetId subnetId,
                          @PersonalData("hardware address") MacAddress mac, Ipv4Address address,
                          @PersonalData("host name") Hostname hostname, Instant at) implements SubnetCommand {
    public ReserveHost {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(mac, "mac");
        SubnetCommand.require(address, "address");
        SubnetCommand.require(at, "at");
    }
}
