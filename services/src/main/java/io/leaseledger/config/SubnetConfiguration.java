package io.leaseledger.config;

import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.wire.reply.OptionSnippet;
import io.leaseledger.wire.reply.PxeBoot;

import java.util.List;
import java.util.Optional;

/**
 * One subnet as the file describes it. The leasing part ({@link #settings()}) goes to the
 * {@code Subnet} aggregate as it is; gateway, DNS servers and domain go as subnet-level option
 * snippets (options 3, 6 and 15); PXE stays with the reply side.
 *
 * @param cidr       the subnet; its canonical form is the subnet's id
 * @param settings   managed, authoritative, lease times, offer hold, probation
 * @param gateway    option 3 (router)
 * @param dnsServers option 6
 * @param domain     option 15
 * @param ranges     dynamic and reserved ranges
 * @param hosts      host reservations
 * @param options    subnet-level option snippets
 * @param pxe        this subnet's PXE block, already laid over the global defaults
 */
public record SubnetConfiguration(
        Cidr cidr,
        SubnetSettings settings,
        Optional<Ipv4Address> gateway,
        List<Ipv4Address> dnsServers,
        Optional<String> domain,
        List<RangeConfiguration> ranges,
        List<HostConfiguration> hosts,
        List<OptionSnippet> options,
        PxeBoot pxe) {

    public SubnetConfiguration {
        dnsServers = List.copyOf(dnsServers);
        ranges = List.copyOf(ranges);
        hosts = List.copyOf(hosts);
        options = List.copyOf(options);
    }

    public SubnetId id() {
        return SubnetId.of(cidr);
    }
}
