package io.leaseledger.wire.mdns;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;

/** On {@code iface}, the device {@code mac} at {@code address} announced itself as {@code hostname} ({@code hostname.local}). */
public record MdnsName(String iface, Ipv4Address address, MacAddress mac, String hostname) {
}
