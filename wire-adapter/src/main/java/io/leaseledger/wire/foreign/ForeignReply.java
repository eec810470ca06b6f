package io.leaseledger.wire.foreign;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import java.util.Optional;

/**
 * On {@code iface}, a DHCP server other than this host answered a client: {@code server} is its
 * server identifier (option 54; the datagram's source address when it sent none), sent from
 * {@code sourceAddress} and the link address {@code sourceMac} (a relay's, when the reply was
 * relayed onto the link); {@code messageType} is {@code DHCPOFFER}, {@code DHCPACK} or
 * {@code DHCPNAK}; {@code client} the client hardware address it answered and {@code offered}
 * the address it gave ({@code yiaddr}; empty for a NAK or an INFORM's ACK).
 */
public record ForeignReply(String iface, Ipv4Address server, Ipv4Address sourceAddress, Optional<MacAddress> sourceMac,
                           String messageType, String client, Optional<Ipv4Address> offered) {
}
