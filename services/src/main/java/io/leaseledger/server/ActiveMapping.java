package io.leaseledger.server;

import io.leaseledger.config.ConfiguredSubnet;
import io.leaseledger.config.SettingsView;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.arp.ActiveMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an active mapping scan asks, read again at each scan (subnets come and go through the
 * API): on each interface the ARP listener hears, every served subnet — managed or not — that holds
 * one of the interface's own addresses, scanned from that address. A subnet seen only through
 * relays is no link of this node and is never scanned; nor is one larger than
 * {@value #MAX_ADDRESSES} addresses (said once at WARN).
 */
final class ActiveMapping implements Supplier<List<ActiveMapper.Scan>> {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveMapping.class);
    /** A /20: more would be a scan of minutes every interval. */
    static final long MAX_ADDRESSES = 4096;

    private final List<String> interfaces;
    private final SettingsView settings;
    private final Function<String, List<Ipv4Address>> addressesOf;
    private final Set<Cidr> tooLarge = ConcurrentHashMap.newKeySet();

    ActiveMapping(List<String> interfaces, SettingsView settings, Function<String, List<Ipv4Address>> addressesOf) {
        this.interfaces = List.copyOf(interfaces);
        this.settings = settings;
        this.addressesOf = addressesOf;
    }

    @Override
    public List<ActiveMapper.Scan> get() {
        List<ActiveMapper.Scan> scans = new ArrayList<>();
        List<Cidr> scanned = new ArrayList<>();
        for (String iface : interfaces) {
            for (Ipv4Address own : addressesOf.apply(iface)) {
                Optional<Cidr> subnet = settings.subnetContaining(own).map(ConfiguredSubnet::cidr);
                if (subnet.isEmpty() || scanned.contains(subnet.get())) {
                    continue;
                }
                Cidr cidr = subnet.get();
                if (cidr.size() > MAX_ADDRESSES) {
                    if (tooLarge.add(cidr)) {
                        LOG.warn("active mapping does not scan {} on {}: {} addresses, more than {}", cidr, iface,
                                cidr.size(), MAX_ADDRESSES);
                    }
                    continue;
                }
                scanned.add(cidr);
                scans.add(new ActiveMapper.Scan(iface, own, cidr.prefix() >= 31 ? cidr.network() : cidr.firstHost(),
                        cidr.prefix() >= 31 ? cidr.broadcast() : cidr.lastHost()));
            }
        }
        return scans;
    }
}
