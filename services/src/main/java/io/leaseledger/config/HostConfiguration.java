package io.leaseledger.config;

import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.reply.OptionSnippet;

import java.util.List;
import java.util.Optional;

/**
 * A host reservation: the client with this MAC always gets this address (static allocation).
 *
 * @param mac      the client's hardware address
 * @param address  its address: a host address of the subnet outside every range
 * @param hostname sent as option 12
 * @param options  host-level option snippets, the most specific level
 */
public record HostConfiguration(MacAddress mac, Ipv4Address address, Optional<Hostname> hostname, List<OptionSnippet> options) {

    public HostConfiguration {
        options = List.copyOf(options);
    }
}
