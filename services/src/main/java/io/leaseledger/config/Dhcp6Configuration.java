package io.leaseledger.config;

import io.leaseledger.events.types.Duid;
import io.leaseledger.wire.dhcp4.DnsNames;
import io.leaseledger.wire.dhcp6.Dhcp6Link;
import io.leaseledger.wire.dhcp6.Ipv6Prefix;
import io.leaseledger.wire.transport.Dhcp6Transport;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code dhcp6:} block: stateless DHCPv6 (RFC 8415 §6.1) on the named interfaces and
 * addresses, one link per IPv6 prefix. See docs/dhcpv6.md.
 *
 * @param port       the UDP port (547 unless testing)
 * @param interfaces interfaces whose clients are answered directly (multicast to ff02::1:2)
 * @param bind       local IPv6 addresses for relayed traffic only
 * @param serverDuid the Server Identifier; by default a DUID-UUID derived from {@code node.name},
 *                   the same at every start
 * @param links      what each link's clients are told
 */
public record Dhcp6Configuration(int port, List<String> interfaces, List<Inet6Address> bind, Duid serverDuid,
                                 List<Dhcp6Link> links) {

    /** RFC 8415 §7.6 IRT_MINIMUM: clients wait at least this long between Information-requests anyway. */
    static final Duration MIN_INFORMATION_REFRESH = Duration.ofMinutes(10);

    public Dhcp6Configuration {
        interfaces = List.copyOf(interfaces);
        bind = List.copyOf(bind);
        Objects.requireNonNull(serverDuid, "serverDuid");
        links = List.copyOf(links);
    }

    /** The transport's half of it. */
    public Dhcp6Transport.Config transport() {
        return new Dhcp6Transport.Config(interfaces, bind.stream().map(a -> new InetSocketAddress(a, port)).toList(), port);
    }

    /** A DUID-UUID (RFC 6355) named after the node: stable across starts, different for each rack of a pair. */
    static Duid defaultDuid(String nodeName) {
        return Duid.uuid(UUID.nameUUIDFromBytes(("leaseledger-dhcp6:" + nodeName).getBytes(StandardCharsets.UTF_8)));
    }

    static Dhcp6Configuration read(YamlNode n, NodeConfiguration node, HostInterfaces host) {
        int port = n.integer("port", 1, 65535).map(Long::intValue).orElse(Dhcp6Transport.SERVER_PORT);
        List<String> interfaces = n.parsedList("interfaces", "an interface name", ConfigurationReader::interfaceName);
        ConfigurationReader.checkInterfaces(n, interfaces, host);
        List<Inet6Address> bind = n.parsedList("bind", "an IPv6 address", Dhcp6Configuration::unicast);
        if (interfaces.isEmpty() && bind.isEmpty()) {
            n.error("name the interfaces whose clients to answer (interfaces) or the addresses relays send to (bind)");
        }
        Duid duid = n.parsed("server-duid", "a DUID in colon hex (RFC 8415 §11)", Duid::parse)
                .orElseGet(() -> defaultDuid(node.name()));
        List<Dhcp6Link> links = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<YamlNode> linkNodes = n.objects("links");
        for (int i = 0; i < linkNodes.size(); i++) {
            int position = i;
            link(linkNodes.get(i), interfaces).ifPresent(link -> {
                links.add(link);
                positions.add(position);
            });
        }
        if (!n.has("links")) {
            n.error("links", "is required: the prefix of each link and what its clients are told");
        }
        crossCheck(n, links, positions, interfaces);
        n.finish();
        return new Dhcp6Configuration(port, interfaces, bind, duid, links);
    }

    private static Optional<Dhcp6Link> link(YamlNode n, List<String> interfaces) {
        Optional<Ipv6Prefix> prefix = n.requiredParsed("prefix", "an IPv6 prefix (2001:db8:1::/64)", Ipv6Prefix::parse);
        Optional<String> interfaceName = n.parsed("interface", "an interface name", ConfigurationReader::interfaceName);
        interfaceName.filter(name -> !interfaces.contains(name)).ifPresent(name -> n.error("interface",
                "'" + name + "' is not in dhcp6.interfaces: its clients would never be heard"));
        List<Inet6Address> dns = n.parsedList("dns-servers", "an IPv6 address", Dhcp6Configuration::unicast);
        List<String> search = n.parsedList("domain-search", "a domain name", Dhcp6Configuration::domain);
        List<Inet6Address> ntp = n.parsedList("ntp-servers", "an IPv6 address", Dhcp6Configuration::unicast);
        Optional<Duration> refresh = n.duration("information-refresh");
        refresh.filter(d -> d.compareTo(MIN_INFORMATION_REFRESH) < 0).ifPresent(d -> n.error("information-refresh",
                "at least 10m: RFC 8415 clients wait IRT_MINIMUM (600 s) between asks whatever they are told"));
        refresh.filter(d -> d.toSeconds() > 0xFFFFFFFFL).ifPresent(d -> n.error("information-refresh",
                "at most 4294967295 s, the option's 32 bits"));
        n.finish();
        return prefix.map(p -> new Dhcp6Link(p, interfaceName, dns, search, ntp, refresh));
    }

    /** {@code positions}: each built link's index in the file (a link too broken to build is not there). */
    private static void crossCheck(YamlNode n, List<Dhcp6Link> links, List<Integer> positions, List<String> interfaces) {
        for (int i = 0; i < links.size(); i++) {
            for (int j = 0; j < i; j++) {
                Ipv6Prefix a = links.get(i).prefix();
                Ipv6Prefix b = links.get(j).prefix();
                if (a.contains(b.network()) || b.contains(a.network())) {
                    n.error("links[" + positions.get(i) + "].prefix", a + " overlaps links[" + positions.get(j) + "].prefix " + b
                            + ": a relay's link-address would match both");
                }
                Optional<String> name = links.get(i).interfaceName();
                if (name.isPresent() && name.equals(links.get(j).interfaceName())) {
                    n.error("links[" + positions.get(i) + "].interface", "'" + name.get() + "' is links[" + positions.get(j)
                            + "]'s too: one link per interface");
                }
            }
        }
        for (int i = 0; i < interfaces.size(); i++) {
            String name = interfaces.get(i);
            if (links.stream().noneMatch(l -> l.interfaceName().filter(name::equals).isPresent())) {
                n.error("interfaces[" + i + "]", "no link names '" + name + "' (links[].interface): its clients"
                        + " would all be dropped");
            }
        }
    }

    private static Inet6Address unicast(String text) {
        Inet6Address address = Ipv6Prefix.address(text);
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            throw new IllegalArgumentException("not a unicast address: " + text);
        }
        return address;
    }

    private static String domain(String name) {
        DnsNames.validate(name, false);
        return name;
    }
}
