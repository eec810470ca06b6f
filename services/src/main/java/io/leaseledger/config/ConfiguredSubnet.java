package io.leaseledger.config;

import io.leaseledger.events.subnet.HostReserved;
import io.leaseledger.events.subnet.HostUnreserved;
import io.leaseledger.events.subnet.OptionSnippetRemoved;
import io.leaseledger.events.subnet.OptionSnippetSet;
import io.leaseledger.events.subnet.PxeSettings;
import io.leaseledger.events.subnet.PxeSettingsSet;
import io.leaseledger.events.subnet.RangeAdded;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.RangeRemoved;
import io.leaseledger.events.subnet.SubnetChanged;
import io.leaseledger.events.subnet.SubnetDefined;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.subnet.SubnetRemoved;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.Octets;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.reply.OptionSnippet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration of one subnet as its configuration events define it: what the event log
 * says now, or what a configuration file wants. Both sides of {@link ConfigurationDiff} have this
 * shape, and {@link SettingsView} keeps one per served subnet. Immutable; {@link #apply} returns
 * the next state.
 *
 * @param ranges   each range with its kind, in the order added
 * @param hosts    reservations by MAC
 * @param snippets option payloads and always-send marks by scope, host and code (gateway, DNS
 *                 servers and domain are subnet snippets 3, 6 and 15)
 * @param pxe      the PXE settings in force, the global block laid under the subnet's; empty when
 *                 none were ever said (a file without any; a log without a {@code PxeSettingsSet},
 *                 such as a store written before PXE settings were events)
 * @param served   false once removed: like the aggregate, the subnet keeps its ranges, hosts and
 *                 snippets, and gets them back if it is defined again
 */
public record ConfiguredSubnet(
        SubnetId id,
        Cidr cidr,
        SubnetSettings settings,
        Map<AddressRange, RangeKind> ranges,
        Map<MacAddress, Reservation> hosts,
        Map<SnippetKey, Snippet> snippets,
        Optional<PxeSettings> pxe,
        boolean served) {

    /** A host reservation. */
    public record Reservation(MacAddress mac, Ipv4Address address, Optional<Hostname> hostname) {}

    /**
     * An option snippet's payload and its always-send mark: null when never said (an event
     * written before the mark was recorded), which replies read as not sent unasked.
     */
    public record Snippet(Octets value, Boolean alwaysSend) {
        static Snippet of(OptionSnippet o) {
            return new Snippet(new Octets(o.value()), o.alwaysSend());
        }

        /** Whether replies send it unasked. */
        public boolean sentUnasked() {
            return Boolean.TRUE.equals(alwaysSend);
        }
    }

    public ConfiguredSubnet {
        ranges = Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        snippets = Collections.unmodifiableMap(new LinkedHashMap<>(snippets));
    }

    /** What {@code subnet} of a validated file wants, global snippets included (every subnet's stream carries them). */
    public static ConfiguredSubnet desired(SubnetConfiguration subnet, List<OptionSnippet> globalOptions) {
        return desired(subnet, GlobalOptions.of(globalOptions));
    }

    /** What {@code subnet} of a validated file wants, with {@code globals} as the global snippets in force. */
    public static ConfiguredSubnet desired(SubnetConfiguration subnet, Map<Integer, Snippet> globals) {
        Map<AddressRange, RangeKind> ranges = new LinkedHashMap<>();
        subnet.ranges().forEach(r -> ranges.put(r.range(), r.kind()));
        Map<MacAddress, Reservation> hosts = new LinkedHashMap<>();
        Map<SnippetKey, Snippet> snippets = new LinkedHashMap<>();
        globals.forEach((code, s) -> snippets.put(SnippetKey.global(code), s));
        subnet.gateway().ifPresent(g -> snippets.put(SnippetKey.subnet(3),
                new Snippet(new Octets(OptionCatalog.ROUTERS.encode(List.of(g))), false)));
        if (!subnet.dnsServers().isEmpty()) {
            snippets.put(SnippetKey.subnet(6),
                    new Snippet(new Octets(OptionCatalog.DOMAIN_NAME_SERVERS.encode(subnet.dnsServers())), false));
        }
        subnet.domain().ifPresent(d -> snippets.put(SnippetKey.subnet(15),
                new Snippet(new Octets(OptionCatalog.DOMAIN_NAME.encode(d)), false)));
        subnet.options().forEach(o -> snippets.put(SnippetKey.subnet(o.code()), Snippet.of(o)));
        for (HostConfiguration h : subnet.hosts()) {
            hosts.put(h.mac(), new Reservation(h.mac(), h.address(), h.hostname()));
            h.options().forEach(o -> snippets.put(SnippetKey.host(h.mac(), o.code()), Snippet.of(o)));
        }
        return new ConfiguredSubnet(subnet.id(), subnet.cidr(), subnet.settings(), ranges, hosts, snippets,
                Optional.of(PxeConversion.settings(subnet.pxe())).filter(p -> !p.isEmpty()), true);
    }

    /** A subnet defined for the first time, with nothing else yet. */
    public static ConfiguredSubnet defined(SubnetDefined e) {
        return new ConfiguredSubnet(e.subnetId(), e.cidr(), e.settings(), Map.of(), Map.of(), Map.of(),
                Optional.empty(), true);
    }

    /** The state after {@code event}; lease events and events of other subnets leave it as it is. */
    public ConfiguredSubnet apply(SubnetEvent event) {
        if (!event.subnetId().equals(id)) {
            return this;
        }
        return switch (event) {
            case SubnetDefined e -> new ConfiguredSubnet(id, e.cidr(), e.settings(), ranges, hosts, snippets, pxe, true);
            case SubnetRemoved e -> new ConfiguredSubnet(id, cidr, settings, ranges, hosts, snippets, pxe, false);
            case SubnetChanged e -> new ConfiguredSubnet(id, cidr, e.settings(), ranges, hosts, snippets, pxe, served);
            case RangeAdded e -> withRanges(m -> m.put(e.range(), e.kind()));
            case RangeRemoved e -> withRanges(m -> m.remove(e.range()));
            case HostReserved e -> withHosts(m -> m.put(e.mac(), new Reservation(e.mac(), e.address(), Optional.ofNullable(e.hostname()))));
            case HostUnreserved e -> withHosts(m -> m.remove(e.mac()));
            case OptionSnippetSet e -> withSnippets(m -> m.put(key(e.scope(), e.host(), e.code()),
                    new Snippet(e.value(), e.alwaysSend())));
            case OptionSnippetRemoved e -> withSnippets(m -> m.remove(key(e.scope(), e.host(), e.code())));
            case PxeSettingsSet e -> new ConfiguredSubnet(id, cidr, settings, ranges, hosts, snippets,
                    Optional.of(e.pxe()), served);
            default -> this;
        };
    }

    private static SnippetKey key(io.leaseledger.events.subnet.OptionScope scope, MacAddress host, int code) {
        return new SnippetKey(scope, Optional.ofNullable(host), code);
    }

    private ConfiguredSubnet withRanges(java.util.function.Consumer<Map<AddressRange, RangeKind>> change) {
        Map<AddressRange, RangeKind> m = new LinkedHashMap<>(ranges);
        change.accept(m);
        return new ConfiguredSubnet(id, cidr, settings, m, hosts, snippets, pxe, served);
    }

    private ConfiguredSubnet withHosts(java.util.function.Consumer<Map<MacAddress, Reservation>> change) {
        Map<MacAddress, Reservation> m = new LinkedHashMap<>(hosts);
        change.accept(m);
        return new ConfiguredSubnet(id, cidr, settings, ranges, m, snippets, pxe, served);
    }

    private ConfiguredSubnet withSnippets(java.util.function.Consumer<Map<SnippetKey, Snippet>> change) {
        Map<SnippetKey, Snippet> m = new LinkedHashMap<>(snippets);
        change.accept(m);
        return new ConfiguredSubnet(id, cidr, settings, ranges, hosts, m, pxe, served);
    }
}
