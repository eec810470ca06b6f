package io.leaseledger.events.subnet;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leaseledger.events.PersonalData;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A DHCP server other than this node answered a client on {@code iface}, a link of this subnet
 * (MAAS's "external DHCP server detected"): on a provisioning network, machines may PXE-boot from
 * the wrong place or take addresses outside the plan. Recorded for a server's first reply heard
 * and again for its first after an hour of silence, never for every reply. Changes nothing the
 * subnet decides; the record of who answered on the link, and when, for the history and the stream.
 *
 * @param server        its server identifier (option 54; the datagram's source address without one)
 * @param sourceAddress the datagram's source address (a relay's, when relayed onto the link)
 * @param sourceMac     the frame's source link address; null when it was not Ethernet
 * @param messageType   {@code DHCPOFFER}, {@code DHCPACK} or {@code DHCPNAK}
 * @param client        the client hardware address it answered
 * @param offered       the address it gave ({@code yiaddr}); null for a NAK or an INFORM's ACK
 */
@Revision("1")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ForeignDhcpServerObserved(SubnetId subnetId, String iface, Ipv4Address server, Ipv4Address sourceAddress,
                                        @PersonalData("hardware address") MacAddress sourceMac, String messageType,
                                        @PersonalData("hardware address") MacAddress client, Ipv4Address offered,
                                        Instant at) implements SubnetEvent {
}
