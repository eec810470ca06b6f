package io.leaseledger.events.subnet;

import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Another DHCP server was heard answering a client on a link of this subnet at {@code at} (the
 * node's foreign DHCP listener: the first reply of that server, or its first after an hour of
 * silence). Returns whether the subnet recorded it ({@code false} for a subnet not served);
 * emits {@link ForeignDhcpServerObserved}. The fields are those of the event.
 */
public record ReportForeignDhcpServer(@TargetAggregateIdentifier SubnetId subnetId, String iface, Ipv4Address server,
                                      Ipv4Address sourceAddress, @PersonalData("hardware address") MacAddress sourceMac,
                                      String messageType,
                                      @PersonalData("hardware address") MacAddress client, Ipv4Address offered,
                                      Instant at) implements SubnetCommand {
    public ReportForeignDhcpServer {
        SubnetCommand.require(subnetId, "subnetId");
        SubnetCommand.require(iface, "iface");
        SubnetCommand.require(server, "server");
        SubnetCommand.require(sourceAddress, "sourceAddress");
        SubnetCommand.require(messageType, "messageType");
        SubnetCommand.require(client, "client");
        SubnetCommand.require(at, "at");
    }
}
