package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A device was heard using {@code address} on a link of this subnet at {@code at} (network
 * discovery: the node's ARP listener, a pair's first claim or its first after an hour; or its mDNS
 * listener, a name the device announced for itself, null {@code hostname} otherwise). Returns
 * whether the subnet recorded it ({@code false} for a subnet not served); emits {@link DeviceSeen}.
 * How often is the node's to decide. The fields are those of the event.
 */
public record ReportDeviceSeen(@TargetAggregateIdentifier SubnetId subnetId, String iface, Ipv4Address address,
                               @PersonalData("hardware address") MacAddress mac,
                               @PersonalData("host name") Hostname hostname, Instant at) implements SubnetCommand {
    public ReportDeviceSeen {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(iface, "iface");
        SubnetCommand.require(address, "address");
        SubnetCommand.require(mac, "mac");
        SubnetCommand.require(at, "at");
    }
}
