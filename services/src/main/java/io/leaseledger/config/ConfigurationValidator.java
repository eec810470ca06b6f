package io.leaseledger.config;

import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.reply.OptionSnippet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The cross-checks a file can only fail as a whole: subnets against each other, ranges and
 * reservations against their subnet and each other, snippets against their scope. Every rule
 * names the key path and quotes the value. Decisions taken here, after MAAS:
 * <ul>
 *   <li>a host reservation lies outside every range: not in a dynamic range (MAAS refuses a static
 *       address inside its reserved dynamic range, and the pool would hand it to another client) and
 *       not in a reserved range ("MAAS will never assign IP addresses inside this range"; the
 *       {@code Subnet} aggregate refuses it too);</li>
 *   <li>the same MAC may be reserved on two subnets (a machine may boot on either), never twice on one;</li>
 *   <li>an unmanaged subnet may keep its ranges and reservations: DHCP simply never leases there.</li>
 * </ul>
 */
final class ConfigurationValidator {

    static final long MAX_POOL = 1L << 24;

    private final ConfigurationReader reader;
    private final List<ConfigError> errors;

    ConfigurationValidator(ConfigurationReader reader, List<ConfigError> errors) {
        this.reader = reader;
        this.errors = errors;
    }

    void validate(LeaseLedgerConfiguration config) {
        snippetScope(config.options(), Optional.empty());
        List<SubnetConfiguration> subnets = config.subnets();
        for (int i = 0; i < subnets.size(); i++) {
            SubnetConfiguration s = subnets.get(i);
            for (int j = 0; j < i; j++) {
                Cidr other = subnets.get(j).cidr();
                if (other.equals(s.cidr())) {
                    error(s, "cidr", s.cidr() + " is already defined at " + reader.pathOf(subnets.get(j)));
                } else if (overlaps(other, s.cidr())) {
                    error(s, "cidr", s.cidr() + " overlaps " + other + " at " + reader.pathOf(subnets.get(j)));
                }
            }
            subnet(s);
        }
    }

    private void subnet(SubnetConfiguration s) {
        Cidr cidr = s.cidr();
        if (cidr.prefix() > 30) {
            error(s, "cidr", cidr + " has no room for clients: use a prefix of /30 or shorter");
        }
        s.gateway().ifPresent(g -> usable(s, "gateway", g));
        if (s.dnsServers().size() > 63) {
            error(s, "dns-servers", s.dnsServers().size() + " servers do not fit in one option: at most 63");
        }
        List<RangeConfiguration> ranges = s.ranges();
        for (int i = 0; i < ranges.size(); i++) {
            RangeConfiguration r = ranges.get(i);
            String text = r.start() + "-" + r.end();
            if (!cidr.contains(r.start()) || !cidr.contains(r.end())) {
                error(r, text + " is outside " + cidr);
            } else if (r.start().equals(cidr.network()) || r.end().equals(cidr.broadcast())) {
                error(r, text + " includes the network or broadcast address of " + cidr);
            }
            if (r.start().compareTo(r.end()) > 0) {
                error(r, text + " is reversed: its start is after its end");
                continue;
            }
            for (int j = 0; j < i; j++) {
                RangeConfiguration o = ranges.get(j);
                if (o.start().compareTo(o.end()) <= 0 && r.start().compareTo(o.end()) <= 0 && o.start().compareTo(r.end()) <= 0) {
                    error(r, text + " overlaps " + o.start() + "-" + o.end() + " at " + reader.pathOf(o));
                }
            }
            s.gateway().filter(g -> r.kind() == RangeKind.DYNAMIC && r.contains(g))
                    .ifPresent(g -> error(s, "gateway", g + " lies in the dynamic range " + text + " at " + reader.pathOf(r)));
        }
        long dynamic = ranges.stream().filter(r -> r.kind() == RangeKind.DYNAMIC && r.start().compareTo(r.end()) <= 0)
                .mapToLong(r -> r.end().toUnsigned() - r.start().toUnsigned() + 1).sum();
        if (dynamic > MAX_POOL) {
            // The Subnet aggregate keeps its pool as a bit set and refuses more than this.
            error(s, "ranges", "the dynamic ranges hold " + dynamic + " addresses: at most " + MAX_POOL + " (a /8)");
        }
        Map<MacAddress, HostConfiguration> byMac = new HashMap<>();
        Map<Ipv4Address, HostConfiguration> byAddress = new HashMap<>();
        for (HostConfiguration h : s.hosts()) {
            HostConfiguration sameMac = byMac.putIfAbsent(h.mac(), h);
            if (sameMac != null) {
                error(h, "mac", h.mac() + " is already reserved at " + reader.pathOf(sameMac));
            }
            HostConfiguration sameAddress = byAddress.putIfAbsent(h.address(), h);
            if (sameAddress != null) {
                error(h, "address", h.address() + " is already reserved for " + sameAddress.mac() + " at "
                        + reader.pathOf(sameAddress));
            }
            if (usable(h, "address", h.address(), cidr)) {
                s.gateway().filter(h.address()::equals)
                        .ifPresent(g -> error(h, "address", g + " is the subnet's gateway"));
                ranges.stream().filter(r -> r.contains(h.address())).findFirst()
                        .ifPresent(r -> error(h, "address", h.address() + " lies in the " + kind(r) + " range " + r
                                + " at " + reader.pathOf(r) + ": reserve addresses outside every range"));
            }
            snippetScope(h.options(), Optional.empty());
        }
        snippetScope(s.options(), Optional.of(s));
    }

    private void usable(SubnetConfiguration s, String key, Ipv4Address a) {
        usable(s, key, a, s.cidr());
    }

    private boolean usable(Object element, String key, Ipv4Address a, Cidr cidr) {
        if (!cidr.contains(a)) {
            error(element, key, a + " is outside " + cidr);
            return false;
        }
        if (a.equals(cidr.network()) || a.equals(cidr.broadcast())) {
            error(element, key, a + " is the " + (a.equals(cidr.network()) ? "network" : "broadcast") + " address of " + cidr);
            return false;
        }
        return true;
    }

    /** One value per option code in a scope; a subnet's own keys and its snippets must not both set an option. */
    private void snippetScope(List<OptionSnippet> snippets, Optional<SubnetConfiguration> subnet) {
        Map<Integer, OptionSnippet> seen = new HashMap<>();
        for (OptionSnippet o : snippets) {
            if (o.value().length > 255) {
                error(o, "option " + o.code() + " is " + o.value().length + " bytes long: a snippet holds at most 255");
            }
            OptionSnippet before = seen.putIfAbsent(o.code(), o);
            if (before != null) {
                error(o, "option " + o.code() + " is already set at " + reader.pathOf(before));
            }
        }
        subnet.ifPresent(s -> {
            clash(s, seen, 3, "gateway", SubnetConfiguration::gateway);
            clash(s, seen, 6, "dns-servers", x -> x.dnsServers().isEmpty() ? Optional.empty() : Optional.of(x.dnsServers()));
            clash(s, seen, 15, "domain", SubnetConfiguration::domain);
        });
    }

    private void clash(SubnetConfiguration s, Map<Integer, OptionSnippet> seen, int code, String key,
            Function<SubnetConfiguration, Optional<?>> value) {
        if (seen.containsKey(code) && value.apply(s).isPresent()) {
            error(seen.get(code), "option " + code + " is also set by the subnet's '" + key + "' key: keep one");
        }
    }

    private static String kind(RangeConfiguration r) {
        return r.kind() == RangeKind.DYNAMIC ? "dynamic" : "reserved";
    }

    private static boolean overlaps(Cidr a, Cidr b) {
        return a.contains(b.network()) || b.contains(a.network());
    }

    private void error(Object element, String message) {
        errors.add(new ConfigError(reader.pathOf(element), message));
    }

    private void error(Object element, String key, String message) {
        errors.add(new ConfigError(reader.pathOf(element) + "." + key, message));
    }
}
