package io.leaseledger.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.OptionDef;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * dnsmasq's configuration ({@code dnsmasq.conf}, dnsmasq(8)'s long options one per line) turned into
 * LeaseLedger's YAML, for an operator switching (docs/operations.md, "Switching from Kea, ISC dhcpd
 * or dnsmasq"): the interfaces; one subnet per IPv4 {@code dhcp-range} network, with its ranges
 * (a {@code static} range: the subnet without a dynamic one), lease time and domain; the router, DNS
 * servers and domain of untagged {@code dhcp-option}s, other options the catalogue knows as typed
 * snippets; {@code dhcp-authoritative}; reservations of {@code dhcp-host} lines with a MAC and an
 * address (and a name); PXE from {@code dhcp-boot}, per client architecture where a
 * {@code dhcp-match=set:TAG,option:client-arch,N} tag chooses it, the iPXE script where the tag
 * tests the user class. What has no counterpart here is named in {@link Result#notConverted}, never
 * dropped silently; settings of dnsmasq's own (its DNS service, its lease file, logging) are passed
 * over.
 */
public final class DnsmasqConfigurationConverter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Settings that only tune dnsmasq itself or its DNS service, never what a DHCP client is told. */
    private static final Set<String> DNSMASQ_ONLY = Set.of("port", "bind-interfaces", "bind-dynamic", "dhcp-leasefile",
            "dhcp-lease-max", "log-dhcp", "log-queries", "log-facility", "log-async", "quiet-dhcp", "pid-file", "user",
            "group", "no-resolv", "no-poll", "no-hosts", "domain-needed", "bogus-priv", "expand-hosts", "cache-size",
            "keep-in-foreground", "no-daemon", "strict-order", "all-servers", "resolv-file", "dhcp-script",
            "leasefile-ro", "dhcp-sequential-ip", "dhcp-rapid-commit", "no-ping");
    /** dnsmasq's DNS service: one note for all of them. */
    private static final Set<String> DNS_SERVICE = Set.of("server", "local", "address", "addn-hosts", "cname",
            "host-record", "txt-record", "ptr-record", "srv-host", "mx-host", "rev-server", "auth-server", "auth-zone",
            "dnssec", "conf-file", "listen-address");
    /** The option names dnsmasq knows ({@code dnsmasq --help dhcp}) that are used here, by code. */
    private static final Map<String, Integer> OPTION_CODES = Map.ofEntries(Map.entry("netmask", 1),
            Map.entry("time-offset", 2), Map.entry("router", 3), Map.entry("dns-server", 6), Map.entry("log-server", 7),
            Map.entry("lpr-server", 9), Map.entry("hostname", 12), Map.entry("boot-file-size", 13),
            Map.entry("domain-name", 15), Map.entry("swap-server", 16), Map.entry("root-path", 17),
            Map.entry("extension-path", 18), Map.entry("ip-forward-enable", 19), Map.entry("mtu", 26),
            Map.entry("broadcast", 28), Map.entry("static-route", 33), Map.entry("ntp-server", 42),
            Map.entry("netbios-ns", 44), Map.entry("netbios-dd", 45), Map.entry("netbios-nodetype", 46),
            Map.entry("netbios-scope", 47), Map.entry("lease-time", 51), Map.entry("T1", 58), Map.entry("T2", 59),
            Map.entry("vendor-class", 60), Map.entry("tftp-server", 66), Map.entry("bootfile-name", 67),
            Map.entry("user-class", 77), Map.entry("client-arch", 93), Map.entry("domain-search", 119),
            Map.entry("classless-static-route", 121), Map.entry("server-ip-address", 150));
    private static final Pattern MAC = Pattern.compile("(\\p{XDigit}{2}[:-]){5}\\p{XDigit}{2}");
    private static final Pattern LEASE_TIME = Pattern.compile("(\\d+)([smhdw]?)|infinite", Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** The YAML, and one line per setting of the file that is not in it. */
    public record Result(String yaml, List<String> notConverted) {}

    /** One subnet of the file: its dhcp-range lines and what applies to it. */
    private static final class Subnet {
        final Cidr cidr;
        final List<ObjectNode> ranges = new ArrayList<>();
        final ArrayNode hosts = NODES.arrayNode();
        String leaseTime;
        String domain;

        Subnet(Cidr cidr) {
            this.cidr = cidr;
        }
    }

    private final List<String> notConverted = new ArrayList<>();
    private final Set<String> interfaces = new LinkedHashSet<>();
    private final Map<Cidr, Subnet> subnets = new LinkedHashMap<>();
    private final Map<Integer, Line> options = new LinkedHashMap<>();
    private final Map<String, String> pxeKeyOfTag = new LinkedHashMap<>();
    private final Map<String, String> pxe = new LinkedHashMap<>();
    private final List<Line> hosts = new ArrayList<>();
    private final List<Line> boots = new ArrayList<>();
    private final List<Line> domains = new ArrayList<>();
    private boolean authoritative;
    private String globalDomain;
    private boolean dnsNoted;

    /** One setting of the file: its line number, name and comma-separated values. */
    private record Line(int number, String key, List<String> values) {
        String text() {
            return values.isEmpty() ? key : key + "=" + String.join(",", values);
        }
    }

    private DnsmasqConfigurationConverter() {}

    /** The text of a dnsmasq.conf; {@link IllegalArgumentException} when it serves no IPv4 range. */
    public static Result convert(String dnsmasqConf) {
        var converter = new DnsmasqConfigurationConverter();
        List<Line> lines = parse(dnsmasqConf);
        // Tags first: a dhcp-boot may name a tag set further down the file.
        lines.stream().filter(l -> l.key().equals("dhcp-match") || l.key().equals("dhcp-userclass"))
                .forEach(converter::match);
        lines.forEach(converter::read);
        if (converter.subnets.isEmpty()) {
            throw new IllegalArgumentException("no IPv4 dhcp-range (dhcp-range=START,END[,NETMASK][,LEASE]): "
                    + "not the configuration of a dnsmasq that serves DHCPv4");
        }
        return converter.emit();
    }

    private static List<Line> parse(String text) {
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = (eq < 0 ? line : line.substring(0, eq)).strip();
            List<String> values = eq < 0 ? List.of()
                    : Arrays.stream(line.substring(eq + 1).split(",", -1)).map(DnsmasqConfigurationConverter::unquote).toList();
            lines.add(new Line(i + 1, key, values));
        }
        return lines;
    }

    private static String unquote(String value) {
        String v = value.strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private void read(Line line) {
        switch (line.key()) {
            case "interface" -> line.values().forEach(name -> {
                if (name.contains("*")) {
                    note(line, "an interface pattern is not converted: list the interfaces under server.interfaces");
                } else {
                    interfaces.add(name);
                }
            });
            case "dhcp-range" -> range(line);
            case "dhcp-host" -> hosts.add(line);
            case "dhcp-option", "dhcp-option-force" -> option(line);
            case "dhcp-boot" -> boots.add(line);
            case "dhcp-authoritative" -> authoritative = true;
            case "domain" -> domains.add(line);
            case "dhcp-match", "dhcp-userclass" -> { } // read first, in match
            case "enable-tftp", "tftp-root", "tftp-secure", "tftp-no-blocksize" -> note(line,
                    "LeaseLedger serves no TFTP: keep a TFTP server for the boot files (the PXE keys name them)");
            case "pxe-service", "pxe-prompt" -> note(line, "dnsmasq's PXE menu is not converted: PXE is set by boot file"
                    + " per client architecture (pxe:)");
            case "conf-dir" -> note(line, "files included from a directory are not read: convert each one");
            default -> {
                if (DNS_SERVICE.contains(line.key())) {
                    if (!dnsNoted) {
                        dnsNoted = true;
                        note(line, "dnsmasq's DNS service (server=, address=, local=, listen-address=, ...) is not"
                                + " converted: LeaseLedger serves DHCP only");
                    }
                } else if (!DNSMASQ_ONLY.contains(line.key())) {
                    note(line, "not converted");
                }
            }
        }
    }

    /** {@code dhcp-match=set:TAG,option:client-arch,7} and {@code dhcp-userclass=set:TAG,iPXE}: what a tag means for PXE. */
    private void match(Line line) {
        List<String> v = line.values();
        if (v.size() < 2 || !v.getFirst().startsWith("set:")) {
            return;
        }
        String tag = v.getFirst().substring(4);
        if (line.key().equals("dhcp-userclass")) {
            if (v.get(1).equalsIgnoreCase("iPXE")) {
                pxeKeyOfTag.put(tag, "ipxe-script");
            }
            return;
        }
        String option = v.get(1);
        if ((option.equals("option:client-arch") || option.equals("93")) && v.size() == 3) {
            try {
                String key = ConverterYaml.PXE_KEY_OF_ARCH.get(Integer.parseInt(v.get(2)));
                if (key != null) {
                    pxeKeyOfTag.put(tag, key);
                }
            } catch (NumberFormatException e) {
                // Not an architecture type: the tag means nothing for PXE.
            }
        } else if ((option.equals("option:user-class") || option.equals("77")) && v.size() == 3
                && v.get(2).equalsIgnoreCase("iPXE") || option.equals("175")) {
            // 175: iPXE's own encapsulated options; a client that sends them is iPXE.
            pxeKeyOfTag.put(tag, "ipxe-script");
        }
    }

    /** {@code dhcp-range=[tag:T,][set:T,]START,END|static|proxy[,NETMASK[,BROADCAST]][,LEASE]}. */
    private void range(Line line) {
        List<String> v = new ArrayList<>(line.values());
        boolean tagged = false;
        // net: is dnsmasq's old spelling of set:.
        while (!v.isEmpty() && (v.getFirst().startsWith("tag:") || v.getFirst().startsWith("set:")
                || v.getFirst().startsWith("net:"))) {
            tagged |= v.removeFirst().startsWith("tag:");
        }
        if (v.isEmpty() || v.getFirst().contains(":") || v.getFirst().startsWith("::")) {
            note(line, "a DHCPv6 range is not converted: stateless DHCPv6 is configured under dhcp6: (docs/dhcpv6.md)");
            return;
        }
        if (tagged) {
            note(line, "a range served only to tagged clients is not converted");
            return;
        }
        Ipv4Address start;
        try {
            start = Ipv4Address.parse(v.removeFirst());
        } catch (IllegalArgumentException e) {
            note(line, "the start is not an IPv4 address: not converted");
            return;
        }
        String end = v.isEmpty() ? "static" : v.removeFirst();
        if (end.equals("proxy")) {
            note(line, "proxy DHCP (dnsmasq answers PXE only, another server gives the addresses) is not converted");
            return;
        }
        String netmask = !v.isEmpty() && IPV4.matcher(v.getFirst()).matches() ? v.removeFirst() : null;
        if (!v.isEmpty() && IPV4.matcher(v.getFirst()).matches()) {
            v.removeFirst(); // the broadcast address: LeaseLedger derives it from the subnet
        }
        Cidr cidr;
        if (netmask == null) {
            cidr = Cidr.parse(network(start, 24) + "/24");
            note(line, "no netmask: dnsmasq takes it from the interface; /24 is written, check the subnet's cidr");
        } else {
            int prefix = prefixOf(netmask);
            if (prefix < 0) {
                note(line, "the netmask " + netmask + " is not a prefix: not converted");
                return;
            }
            cidr = Cidr.parse(network(start, prefix) + "/" + prefix);
        }
        Subnet subnet = subnets.computeIfAbsent(cidr, Subnet::new);
        if (!v.isEmpty()) {
            leaseTime(line, v.getFirst()).ifPresent(t -> subnet.leaseTime = t);
        }
        if (end.equals("static")) {
            return; // only dhcp-host clients: the subnet without a dynamic range
        }
        ObjectNode range = NODES.objectNode();
        range.put("start", start.toString());
        range.put("end", end);
        range.put("kind", "dynamic");
        subnet.ranges.add(range);
    }

    /** dnsmasq's lease time (seconds, or with s/m/h/d/w) as seconds; empty, noted, for {@code infinite}. */
    private Optional<String> leaseTime(Line line, String text) {
        var m = LEASE_TIME.matcher(text);
        if (!m.matches()) {
            note(line, "'" + text + "' is not a lease time: not converted");
            return Optional.empty();
        }
        if (text.equalsIgnoreCase("infinite")) {
            note(line, "an infinite lease is not converted: the subnet's lease time applies (lease-time)");
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        long seconds = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86_400;
            case "w" -> n * 604_800;
            default -> n;
        };
        return Optional.of(seconds + "s");
    }

    /** {@code domain=DOMAIN[,CIDR|START,END]}: every subnet's domain, or the one named. */
    private void domain(Line line) {
        List<String> v = line.values();
        if (v.isEmpty()) {
            return;
        }
        if (v.size() == 1) {
            globalDomain = v.getFirst();
            return;
        }
        try {
            Cidr cidr = Cidr.parse(v.get(1));
            subnets.values().stream().filter(s -> s.cidr.equals(cidr)).findFirst()
                    .ifPresentOrElse(s -> s.domain = v.getFirst(),
                            () -> note(line, "no dhcp-range is in " + cidr + ": not converted"));
        } catch (IllegalArgumentException e) {
            note(line, "a domain for a range of addresses is not converted: give it per subnet (domain)");
        }
    }

    /** {@code dhcp-option=[tag:T,...][encap:N,|vi-encap:N,|vendor:V,]OPT,[VALUE[,VALUE...]]}. */
    private void option(Line line) {
        List<String> v = line.values();
        if (v.isEmpty()) {
            return;
        }
        String first = v.getFirst();
        if (first.startsWith("tag:") || first.startsWith("encap:") || first.startsWith("vi-encap:")
                || first.startsWith("vendor:")) {
            note(line, "an option for tagged clients or inside another option is not converted");
            return;
        }
        if (first.startsWith("option6:")) {
            note(line, "a DHCPv6 option is not converted: stateless DHCPv6 is configured under dhcp6: (docs/dhcpv6.md)");
            return;
        }
        Integer code = first.startsWith("option:") ? OPTION_CODES.get(first.substring(7)) : parseCode(first);
        if (code == null) {
            note(line, "option " + first + " is not converted: add it as a snippet by code (docs/configuration.md,"
                    + " \"Option snippets\")");
            return;
        }
        if (v.size() == 1 || v.size() == 2 && v.get(1).isEmpty()) {
            note(line, "an option sent empty (dnsmasq's way to send none, e.g. no router) is not converted");
            return;
        }
        options.put(code, line);
    }

    private static Integer parseCode(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Result emit() {
        ObjectNode out = NODES.objectNode();
        ArrayNode ifaces = out.putObject("server").putArray("interfaces");
        interfaces.forEach(ifaces::add);
        if (interfaces.isEmpty()) {
            notConverted.addFirst("dnsmasq serves every interface without interface=: list them under server.interfaces");
        }
        List<String> routers = values(3);
        List<String> dns = values(6);
        if (routers.isEmpty() || dns.isEmpty()) {
            notConverted.add("dnsmasq gives its own address as " + (routers.isEmpty() ? "router" : "")
                    + (routers.isEmpty() && dns.isEmpty() ? " and " : "") + (dns.isEmpty() ? "DNS server" : "")
                    + " when the file sets none: set the subnet's " + (routers.isEmpty() ? "gateway" : "")
                    + (routers.isEmpty() && dns.isEmpty() ? " and " : "") + (dns.isEmpty() ? "dns-servers" : ""));
        }
        ArrayNode snippets = NODES.arrayNode();
        options.forEach((code, line) -> {
            if (code != 3 && code != 6 && code != 15) {
                snippet(code, line).ifPresent(snippets::add);
            }
        });
        if (!snippets.isEmpty()) {
            out.set("options", snippets);
        }
        pxe().ifPresent(p -> out.set("pxe", p));
        ArrayNode subnetNodes = out.putArray("subnets");
        domains.forEach(this::domain);
        String domain = options.containsKey(15) ? values(15).getFirst() : globalDomain;
        for (Line host : hosts) {
            host(host);
        }
        for (Subnet subnet : subnets.values()) {
            ObjectNode node = subnetNodes.addObject();
            node.put("cidr", subnet.cidr.toString());
            routers.stream().filter(r -> subnet.cidr.contains(Ipv4Address.parse(r))).findFirst()
                    .ifPresent(r -> node.put("gateway", r));
            if (!routers.isEmpty() && !node.has("gateway")) {
                notConverted.add("no router of dhcp-option=3 is in " + subnet.cidr + ": set its gateway");
            }
            if (!dns.isEmpty()) {
                dns.forEach(node.putArray("dns-servers")::add);
            }
            Optional.ofNullable(subnet.domain != null ? subnet.domain : domain).ifPresent(d -> node.put("domain", d));
            // dnsmasq is not authoritative unless told so; LeaseLedger is by default: say which.
            node.put("authoritative", authoritative);
            Optional.ofNullable(subnet.leaseTime).ifPresent(t -> node.put("lease-time", t));
            if (!subnet.ranges.isEmpty()) {
                subnet.ranges.forEach(node.putArray("ranges")::add);
            }
            if (!subnet.hosts.isEmpty()) {
                node.set("hosts", subnet.hosts);
            }
        }
        // In the file's order: the notes of whole-file matters (no line) after the lines.
        List<String> notes = new ArrayList<>(notConverted);
        notes.sort(java.util.Comparator.comparingInt(DnsmasqConfigurationConverter::lineOf));
        return new Result(ConverterYaml.write(out), List.copyOf(notes));
    }

    private static int lineOf(String note) {
        if (!note.startsWith("line ")) {
            return Integer.MAX_VALUE;
        }
        return Integer.parseInt(note.substring(5, note.indexOf(':')));
    }

    private List<String> values(int code) {
        Line line = options.get(code);
        if (line == null) {
            return List.of();
        }
        List<String> v = line.values().subList(1, line.values().size());
        if (code == 3 || code == 6) {
            List<String> addresses = v.stream().filter(a -> IPV4.matcher(a).matches() && !a.equals("0.0.0.0")).toList();
            if (addresses.size() < v.size()) {
                note(line, "0.0.0.0 (dnsmasq's own address) and names are not converted: write the addresses");
            }
            return addresses;
        }
        return v;
    }

    /** An untagged option the catalogue knows, as a snippet; empty (and noted) otherwise. */
    private Optional<ObjectNode> snippet(int code, Line line) {
        if (code == 66 || code == 67) {
            pxe.put(code == 66 ? "server-name" : ConverterYaml.ANY_FILE, line.values().get(1));
            note(line, "converted under pxe (" + (code == 66 ? "server-name" : "the boot files") + "), not as an option");
            return Optional.empty();
        }
        if (code == 1 || code == 28) {
            return Optional.empty(); // the subnet's mask and broadcast: LeaseLedger derives both from its cidr
        }
        Optional<OptionDef<?>> def = OptionCatalog.find(code);
        if (def.isEmpty()) {
            note(line, "option " + code + " is not in LeaseLedger's option catalogue: add it as a snippet by code");
            return Optional.empty();
        }
        if (SnippetReader.SERVER_OWNED.containsKey(code)) {
            note(line, "not converted: " + SnippetReader.SERVER_OWNED.get(code));
            return Optional.empty();
        }
        try {
            return Optional.of(ConverterYaml.snippet(def.get(), line.values().subList(1, line.values().size())));
        } catch (IllegalArgumentException e) {
            note(line, e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code dhcp-host=[MAC,...][id:...][set:T][tag:T][,ADDRESS][,NAME][,LEASE][,ignore]}: a reservation with a MAC and an address. */
    private void host(Line line) {
        List<String> macs = new ArrayList<>();
        String address = null;
        String name = null;
        for (String part : line.values()) {
            if (part.startsWith("set:") || part.isEmpty()) {
                continue;
            }
            if (part.startsWith("id:") || part.startsWith("tag:") || part.equals("ignore") || part.contains("*")
                    || part.startsWith("[")) {
                note(line, "a reservation by client id, tag, wildcard MAC or IPv6 address, or a client ignored: not"
                        + " converted (reservations here are by MAC)");
                return;
            }
            if (MAC.matcher(part).matches()) {
                macs.add(part.replace('-', ':').toLowerCase(Locale.ROOT));
            } else if (IPV4.matcher(part).matches()) {
                address = part;
            } else if (!LEASE_TIME.matcher(part).matches()) {
                name = part;
            }
        }
        if (macs.isEmpty() || address == null) {
            note(line, "no MAC and IPv4 address both: not converted (reservations here give a MAC its address)");
            return;
        }
        if (macs.size() > 1) {
            note(line, "one address for several MACs: only the first (" + macs.getFirst() + ") is converted");
        }
        Ipv4Address at = Ipv4Address.parse(address);
        Optional<Subnet> home = subnets.values().stream().filter(s -> s.cidr.contains(at)).findFirst();
        if (home.isEmpty()) {
            note(line, "no dhcp-range's subnet holds " + address + ": not converted");
            return;
        }
        ObjectNode node = home.get().hosts.addObject();
        node.put("mac", MacAddress.parse(macs.getFirst()).toString());
        node.put("address", address);
        if (name != null) {
            node.put("hostname", name);
        }
    }

    /** The PXE keys of untagged and architecture-tagged {@code dhcp-boot} lines; a file for every architecture fills the gaps. */
    private Optional<ObjectNode> pxe() {
        for (Line line : boots) {
            List<String> v = new ArrayList<>(line.values());
            String key = ConverterYaml.ANY_FILE;
            if (!v.isEmpty() && v.getFirst().startsWith("tag:")) {
                String tag = v.removeFirst().substring(4);
                key = pxeKeyOfTag.get(tag.startsWith("!") ? "" : tag);
                if (key == null) {
                    note(line, "a boot file for tag " + tag + " that no dhcp-match sets to a client architecture or iPXE:"
                            + " not converted");
                    continue;
                }
            }
            if (v.isEmpty() || v.getFirst().isEmpty()) {
                continue;
            }
            pxe.put(key, v.getFirst());
            if (v.size() >= 2 && !v.get(1).isEmpty()) {
                pxe.put("server-name", v.get(1));
            }
            if (v.size() >= 3 && IPV4.matcher(v.get(2)).matches()) {
                pxe.put("next-server", v.get(2));
            }
        }
        return pxe.isEmpty() ? Optional.empty() : Optional.of(ConverterYaml.pxe(pxe));
    }

    private void note(Line line, String why) {
        notConverted.add("line " + line.number() + ": " + line.text() + " — " + why);
    }

    private static int prefixOf(String netmask) {
        long mask = Ipv4Address.parse(netmask).toUnsigned();
        int prefix = Long.bitCount(mask);
        long expected = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return mask == expected ? prefix : -1;
    }

    private static Ipv4Address network(Ipv4Address address, int prefix) {
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return Ipv4Address.of((int) (address.toUnsigned() & mask));
    }
}
