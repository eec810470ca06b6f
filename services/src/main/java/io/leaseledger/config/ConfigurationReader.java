package io.leaseledger.config;

import io.leaseledger.events.subnet.PxeSettings;
import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.reply.OptionSnippet;
import io.leaseledger.wire.reply.PxeBoot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the YAML tree into the configuration records, one key at a time. Shape problems (unknown
 * keys, wrong types, unparsable values) are collected; an element too broken to build is left
 * out so the cross-checks of {@link ConfigurationValidator} still run on the rest.
 */
final class ConfigurationReader {

    private static final String ADDRESS = "an IPv4 address (dotted quad)";

    private final HostInterfaces host;
    /** Where each subnet, range, host and snippet came from, by identity, for the cross-checks' messages. */
    private final Map<Object, String> paths = new IdentityHashMap<>();

    ConfigurationReader(HostInterfaces host) {
        this.host = host;
    }

    /** The path of an element this reader built ({@code subnets[1].ranges[0]}). */
    String pathOf(Object element) {
        return paths.getOrDefault(element, "?");
    }

    LeaseLedgerConfiguration read(YamlNode root) {
        NodeConfiguration node = root.object("node").map(NodeConfiguration::read).orElseGet(NodeConfiguration::defaults);
        Optional<KafkaConfiguration> kafka = root.object("kafka").map(KafkaConfiguration::read);
        if (node.role() != NodeRole.ALL && kafka.isEmpty()) {
            root.error("kafka", "is required when node.role is " + node.role().configName()
                    + ": name the brokers (kafka.bootstrap-servers)");
        }
        Optional<HaConfiguration> ha = root.object("ha").map(n -> HaConfiguration.read(n, node,
                kafka.map(KafkaConfiguration::leaseTopic).orElse(KafkaConfiguration.DEFAULT_LEASE_TOPIC)));
        if (ha.isPresent() && kafka.isEmpty()) {
            root.error("ha", "the partners exchange their events and heartbeats through Kafka: add a kafka: block");
        }
        if (!node.role().servesDhcp()) {
            for (String key : List.of("server", "subnets", "options", "pxe", "ha", "dhcp6")) {
                if (root.has(key)) {
                    root.error(key, "a region serves no DHCP: leave '" + key + "' to the racks' files");
                }
            }
        }
        ServerConfiguration server = root.object("server").map(this::server)
                .orElseGet(() -> {
                    if (node.role().servesDhcp()) {
                        root.error("server", "is required: name the interfaces or addresses to serve");
                    }
                    return new ServerConfiguration(ServerConfiguration.DEFAULT_PORT, List.of(), List.of(), Optional.empty(),
                            ServerConfiguration.DEFAULT_WARM_UP, false, false, Duration.ZERO, false, Duration.ZERO, Duration.ZERO);
                });
        StoreConfiguration store = root.object("store").map(StoreConfiguration::read).orElse(StoreConfiguration.DEFAULT);
        ApiConfiguration api = root.object("api").map(n -> ApiConfiguration.read(n, store))
                .orElseGet(() -> ApiConfiguration.disabled(store));
        ProjectionsConfiguration projections = root.object("projections").map(n -> ProjectionsConfiguration.read(n, store))
                .orElseGet(() -> ProjectionsConfiguration.defaults(store));
        List<OptionSnippet> options = snippets(root, "options");
        PxeBoot pxe = root.object("pxe").map(ConfigurationReader::pxe).orElse(PxeBoot.NONE);
        List<SubnetConfiguration> subnets = new ArrayList<>();
        for (YamlNode s : root.objects("subnets")) {
            subnet(s, pxe).ifPresent(subnets::add);
        }
        Optional<Dhcp6Configuration> dhcp6 = root.object("dhcp6").map(n -> Dhcp6Configuration.read(n, node, host));
        root.finish();
        return new LeaseLedgerConfiguration(server, store, api, projections, options, pxe, subnets, node, kafka, ha, dhcp6,
                "");
    }

    private <T> T located(YamlNode n, T element) {
        paths.put(element, n.path());
        return element;
    }

    private ServerConfiguration server(YamlNode n) {
        int port = n.integer("port", 1, 65535).map(Long::intValue).orElse(ServerConfiguration.DEFAULT_PORT);
        List<String> interfaces = n.parsedList("interfaces", "an interface name", ConfigurationReader::interfaceName);
        List<Ipv4Address> bind = n.parsedList("bind", ADDRESS, Ipv4Address::parse);
        Optional<Ipv4Address> serverId = n.parsed("server-identifier", ADDRESS, Ipv4Address::parse);
        Duration warmUp = n.durationOrOff("warm-up").orElse(ServerConfiguration.DEFAULT_WARM_UP);
        boolean arpListener = n.bool("arp-listener").orElse(true);
        boolean foreignDhcpListener = n.bool("foreign-dhcp-listener").orElse(true);
        Duration foreignDhcpProbe = n.durationOrOff("foreign-dhcp-probe").orElse(ServerConfiguration.DEFAULT_FOREIGN_DHCP_PROBE);
        if (!foreignDhcpListener && n.has("foreign-dhcp-probe") && !foreignDhcpProbe.isZero()) {
            n.error("foreign-dhcp-probe", "probes are answered to the foreign DHCP listener, which foreign-dhcp-listener: false"
                    + " turns off: turn the listener on, or the probe off (false)");
        }
        boolean mdnsListener = n.bool("mdns-listener").orElse(true);
        Duration activeMapping = n.durationOrOff("active-mapping").orElse(Duration.ZERO);
        if (!activeMapping.isZero() && activeMapping.compareTo(ServerConfiguration.MIN_ACTIVE_MAPPING) < 0) {
            n.error("active-mapping", "a scan sends an ARP request to every address of each served subnet: at least "
                    + "1m between scans (MAAS scans every 3h), or false");
            activeMapping = Duration.ZERO;
        } else if (!arpListener && !activeMapping.isZero()) {
            n.error("active-mapping", "the hosts answer to the ARP listener, which arp-listener: false turns off: "
                    + "turn the listener on, or active mapping off (false)");
        }
        Duration conflictProbe = n.millisOrOff("conflict-probe").orElse(Duration.ZERO);
        if (!conflictProbe.isZero() && (conflictProbe.compareTo(ServerConfiguration.MIN_CONFLICT_PROBE) < 0
                || conflictProbe.compareTo(ServerConfiguration.MAX_CONFLICT_PROBE) > 0)) {
            n.error("conflict-probe", "how long an OFFER waits for an answer to its ARP request or ICMP echo: 10ms to"
                    + " 2s (a client sends its DISCOVER again after about 4s), or false");
            conflictProbe = Duration.ZERO;
        } else if (!conflictProbe.isZero() && !arpListener && !interfaces.isEmpty()) {
            // Through a relay the probe needs no listener (ICMP echo); on a served link its ARP answers do.
            n.error("conflict-probe", "on the served interfaces the answers are heard by the ARP listener, which"
                    + " arp-listener: false turns off: turn the listener on, or the probe off (false)");
        }
        checkInterfaces(n, interfaces, host);
        for (int i = 0; i < bind.size(); i++) {
            Ipv4Address a = bind.get(i);
            if (a.isAny() || a.equals(Ipv4Address.BROADCAST)) {
                n.error("bind[" + i + "]", a + " would listen on every interface: name the address or the interface to serve");
            } else if (bind.indexOf(a) < i) {
                n.error("bind[" + i + "]", a + " is listed twice");
            } else if (!host.isLocalAddress(a)) {
                n.error("bind[" + i + "]", a + " is not an address of this machine");
            }
        }
        serverId.filter(a -> a.isAny() || a.equals(Ipv4Address.BROADCAST))
                .ifPresent(a -> n.error("server-identifier", a + " cannot identify a server: give one of its unicast addresses"));
        if (interfaces.isEmpty() && bind.isEmpty() && !n.has("interfaces") && !n.has("bind")) {
            n.error("names no 'interfaces' and no 'bind' address: the server would serve nothing");
        }
        n.finish();
        return new ServerConfiguration(port, interfaces, bind, serverId, warmUp, arpListener, foreignDhcpListener,
                foreignDhcpProbe, mdnsListener, activeMapping, conflictProbe);
    }

    /** Each of {@code interfaces} (the key {@code interfaces} of {@code n}) exists on this machine, and is named once. */
    static void checkInterfaces(YamlNode n, List<String> interfaces, HostInterfaces host) {
        for (int i = 0; i < interfaces.size(); i++) {
            String name = interfaces.get(i);
            if (interfaces.indexOf(name) < i) {
                n.error("interfaces[" + i + "]", "'" + name + "' is listed twice");
            } else if (!host.interfaceExists(name)) {
                n.error("interfaces[" + i + "]", "'" + name + "' is not a network interface of this machine"
                        + " (it has: " + String.join(", ", host.interfaceNames()) + ")");
            }
        }
    }

    static String interfaceName(String name) {
        // Linux: at most 15 bytes (IFNAMSIZ - 1), no '/', no whitespace.
        if (name.isEmpty() || name.length() > 15 || name.chars().anyMatch(c -> c == '/' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("1 to 15 characters, no '/' or spaces");
        }
        return name;
    }

    /** A {@code pxe} block: the global one, a subnet's, or an API request's body. */
    static PxeBoot pxe(YamlNode n) {
        PxeBoot p = new PxeBoot(
                n.parsed("next-server", ADDRESS, Ipv4Address::parse),
                n.parsed("server-name", "a server name of at most 63 characters", s -> bounded(s, 63)),
                n.parsed("bios", "a boot file name of at most 127 characters", s -> bounded(s, 127)),
                n.parsed("uefi-x64", "a boot file name of at most 127 characters", s -> bounded(s, 127)),
                n.parsed("uefi-arm64", "a boot file name of at most 127 characters", s -> bounded(s, 127)),
                n.parsed("http-uefi-x64", "an http:// or https:// URL", ConfigurationReader::url),
                n.parsed("http-uefi-arm64", "an http:// or https:// URL", ConfigurationReader::url),
                n.parsed("ipxe-script", "an http://, https:// or tftp:// URL", ConfigurationReader::url));
        n.finish();
        return p;
    }

    /** The {@code file} and {@code sname} fields are NUL-terminated within 128 and 64 bytes. */
    private static String bounded(String s, int max) {
        return refusedIf(PxeSettings.nameProblem(s, max), s);
    }

    private static String url(String s) {
        return refusedIf(PxeSettings.urlProblem(s), s);
    }

    private static String refusedIf(String problem, String value) {
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }

    private Optional<SubnetConfiguration> subnet(YamlNode n, PxeBoot pxeDefaults) {
        Optional<Cidr> cidr = n.requiredParsed("cidr", "a subnet in CIDR form (198.18.0.0/24)", Cidr::parse);
        Optional<Ipv4Address> gateway = n.parsed("gateway", ADDRESS, Ipv4Address::parse);
        List<Ipv4Address> dns = n.parsedList("dns-servers", ADDRESS, Ipv4Address::parse);
        Optional<String> domain = n.parsed("domain", "a domain name", ConfigurationReader::dnsName);
        SubnetSettings settings = settings(n, SubnetSettings.defaults());
        List<RangeConfiguration> ranges = new ArrayList<>();
        for (YamlNode r : n.objects("ranges")) {
            range(r).ifPresent(ranges::add);
        }
        List<HostConfiguration> hosts = new ArrayList<>();
        for (YamlNode h : n.objects("hosts")) {
            host(h).ifPresent(hosts::add);
        }
        List<OptionSnippet> options = snippets(n, "options");
        PxeBoot pxe = n.object("pxe").map(ConfigurationReader::pxe).orElse(PxeBoot.NONE).over(pxeDefaults);
        n.finish();
        return cidr.map(c -> located(n, new SubnetConfiguration(c, settings, gateway, dns, domain, ranges, hosts,
                options, pxe)));
    }

    /**
     * The aggregate's lease settings as the file's subnet keys give them, over {@code d} (the
     * defaults for the file; the subnet's current settings for an API change).
     */
    static SubnetSettings settings(YamlNode n, SubnetSettings d) {
        boolean managed = n.bool("managed").orElse(d.managed());
        boolean authoritative = n.bool("authoritative").orElse(d.authoritative());
        LeaseTime lease = n.duration("lease-time").map(ConfigurationReader::leaseTime).orElse(d.leaseTime());
        // Unset bounds follow the lease time, so "lease-time: 2h" alone is not refused by the 1h default maximum.
        LeaseTime min = n.duration("min-lease-time").map(ConfigurationReader::leaseTime)
                .orElse(lease.compareTo(d.minLeaseTime()) < 0 ? lease : d.minLeaseTime());
        LeaseTime max = n.duration("max-lease-time").map(ConfigurationReader::leaseTime)
                .orElse(lease.compareTo(d.maxLeaseTime()) > 0 ? lease : d.maxLeaseTime());
        Duration hold = n.duration("offer-hold-time").orElse(d.offerHold());
        Duration probation = n.duration("probation-time").orElse(d.probation());
        Duration inUseHold = n.duration("in-use-hold-time").orElse(d.inUseHold());
        if (min.compareTo(lease) > 0 || lease.compareTo(max) > 0) {
            n.error("lease-time", "min-lease-time " + min + " <= lease-time " + lease + " <= max-lease-time " + max
                    + " does not hold");
            return d;
        }
        return new SubnetSettings(managed, authoritative, lease, min, max, hold, probation, inUseHold);
    }

    private static LeaseTime leaseTime(Duration d) {
        return LeaseTime.ofSeconds(d.toSeconds());
    }

    private Optional<RangeConfiguration> range(YamlNode n) {
        Optional<Ipv4Address> start = n.requiredParsed("start", ADDRESS, Ipv4Address::parse);
        Optional<Ipv4Address> end = n.requiredParsed("end", ADDRESS, Ipv4Address::parse);
        Optional<RangeKind> kind = n.requiredParsed("kind", "a range kind (dynamic, reserved-dynamic or reserved)",
                RangeKind::fromName);
        n.text("comment");
        n.finish();
        if (start.isEmpty() || end.isEmpty() || kind.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(located(n, new RangeConfiguration(start.get(), end.get(), kind.get())));
    }

    private Optional<HostConfiguration> host(YamlNode n) {
        Optional<MacAddress> mac = n.requiredParsed("mac", "a MAC address (52:54:00:12:34:56)", MacAddress::parse);
        Optional<Ipv4Address> address = n.requiredParsed("address", ADDRESS, Ipv4Address::parse);
        Optional<Hostname> hostname = n.parsed("hostname", "a host name (RFC 1123)", t -> Hostname.of(dnsName(t)));
        List<OptionSnippet> options = snippets(n, "options");
        n.finish();
        if (mac.isEmpty() || address.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(located(n, new HostConfiguration(mac.get(), address.get(), hostname, options)));
    }

    private List<OptionSnippet> snippets(YamlNode n, String key) {
        List<OptionSnippet> out = new ArrayList<>();
        for (YamlNode s : n.objects(key)) {
            SnippetReader.read(s).map(snippet -> located(s, snippet)).ifPresent(out::add);
        }
        return out;
    }

    /** RFC 1123: what a host or domain name sent in options 12 and 15 must be for resolvers to accept it. */
    static String dnsName(String s) {
        if (!Hostname.of(s).isDnsName()) {
            throw new IllegalArgumentException("labels of letters, digits and inner hyphens, 1 to 63 characters each");
        }
        return s;
    }
}
