package io.leaseledger.wire.arp;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;

/** On {@code iface}, the device {@code mac} claimed {@code address} (the sender of an ARP request or reply). */
public record ArpSighting(String iface, Ipv4Address address, MacAddress mac) {
}
