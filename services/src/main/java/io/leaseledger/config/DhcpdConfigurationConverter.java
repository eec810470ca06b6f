package io.leaseledger.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaseledger.config.DhcpdStatements.Statement;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.isc.IscTokens.Token;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.OptionDef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ISC dhcpd's {@code dhcpd.conf} turned into LeaseLedger's YAML, for an operator switching — MAAS's
 * own generated file included (docs/operations.md, "Switching from Kea, ISC dhcpd or dnsmasq"): per subnet
 * (inside shared networks and groups too) its ranges and pools, router, DNS servers, domain, lease
 * times and authority; host reservations by hardware address, placed in the subnet that holds
 * their fixed address; other options the option catalogue knows as typed snippets; and PXE: the
 * next server and the boot file, per client architecture where {@code if option arch = 00:07 { … }}
 * chains choose it (option 93 under whatever name the file declares for it), the iPXE script
 * where one tests the user class. What has no counterpart here or is not converted is named in
 * {@link Result#notConverted}, never dropped silently.
 */
public final class DhcpdConfigurationConverter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Statements that only tune dhcpd itself: nothing to carry over. */
    private static final Set<String> DHCPD_ONLY = Set.of("ddns-update-style", "ddns-updates", "log-facility",
            "omapi-port", "omapi-key", "key", "lease-file-name", "pid-file-name", "update-static-leases",
            "db-time-format", "one-lease-per-client");
    /** The subnet keys options 3, 6 and 15 become. */
    private static final Set<String> SUBNET_KEY_OPTIONS = Set.of("routers", "domain-name-servers", "domain-name");
    /** What {@link #pxeKey} answers for an architecture type no PXE key takes, followed by the type. */
    private static final String ARCH_WITHOUT_KEY = "arch:";

    /** The YAML, and one line per statement of the file that is not in it. */
    public record Result(String yaml, List<String> notConverted) {}

    /** A scope of the file (global, shared network, group, subnet, host) and what it sets; unset: the parent's. */
    private static final class Scope {
        final Scope parent;
        final String where;
        final Map<String, Statement> options = new LinkedHashMap<>();
        final Map<String, String> settings = new LinkedHashMap<>();
        final Map<String, String> pxe = new LinkedHashMap<>();
        final List<ObjectNode> ranges = new ArrayList<>();
        Cidr cidr;

        Scope(Scope parent, String where) {
            this.parent = parent;
            this.where = where;
        }

        Optional<String> setting(String key) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.settings.containsKey(key)) {
                    return Optional.of(s.settings.get(key));
                }
            }
            return Optional.empty();
        }

        Optional<Statement> option(String name) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.options.containsKey(name)) {
                    return Optional.of(s.options.get(name));
                }
            }
            return Optional.empty();
        }
    }

    private record Host(Scope scope, String mac, String address, Statement declaration) {}

    private final List<String> notConverted = new ArrayList<>();
    private final Set<String> archNames = new HashSet<>();
    private final List<Scope> subnets = new ArrayList<>();
    private final List<Host> hosts = new ArrayList<>();

    private DhcpdConfigurationConverter() {}

    /** The text of a dhcpd.conf; {@link IllegalArgumentException} when it is not one (names the line). */
    public static Result convert(String dhcpdConf) {
        List<Statement> statements;
        try {
            statements = DhcpdStatements.parse(dhcpdConf);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a dhcpd.conf (dhcpd.conf(5)): " + e.getMessage(), e);
        }
        DhcpdConfigurationConverter converter = new DhcpdConfigurationConverter();
        converter.findArchitectureOption(statements);
        Scope global = new Scope(null, "global");
        converter.walk(statements, global);
        if (converter.subnets.isEmpty()) {
            throw new IllegalArgumentException("no subnet declaration (subnet ADDRESS netmask MASK { … }): "
                    + "not a dhcpd.conf of a DHCPv4 server");
        }
        return converter.emit(global);
    }

    /** {@code option arch code 93 = unsigned integer 16;}: the names the file gives option 93. */
    private void findArchitectureOption(List<Statement> statements) {
        for (Statement s : statements) {
            if (s.keyword().equals("option") && s.word(2).equals("code") && s.word(3).equals("93")) {
                archNames.add(s.word(1));
            }
            findArchitectureOption(s.body());
        }
    }

    private void walk(List<Statement> statements, Scope scope) {
        for (int i = 0; i < statements.size(); i++) {
            Statement s = statements.get(i);
            switch (s.keyword()) {
                case "subnet" -> subnet(s, scope);
                case "shared-network", "group" -> walk(s.body(), new Scope(scope, s.keyword() + " " + s.word(1)));
                case "host" -> host(s, scope);
                case "range" -> range(s, scope);
                case "pool" -> pool(s, scope);
                case "option" -> {
                    if (!s.word(2).equals("code")) { // a definition: used by name elsewhere
                        scope.options.put(s.word(1), s);
                    }
                }
                case "default-lease-time" -> seconds(s, scope, "lease-time");
                case "max-lease-time" -> seconds(s, scope, "max-lease-time");
                case "min-lease-time" -> seconds(s, scope, "min-lease-time");
                case "authoritative" -> scope.settings.put("authoritative", "true");
                case "not" -> {
                    if (s.word(1).equals("authoritative")) {
                        scope.settings.put("authoritative", "false");
                    } else {
                        note(scope, s, "not converted");
                    }
                }
                case "next-server" -> scope.pxe.put("next-server", s.word(1));
                case "server-name" -> scope.pxe.put("server-name", s.word(1));
                case "filename" -> scope.pxe.put(ConverterYaml.ANY_FILE, s.word(1));
                case "if" -> {
                    List<Statement> chain = new ArrayList<>(List.of(s));
                    while (i + 1 < statements.size() && List.of("elsif", "else").contains(statements.get(i + 1).keyword())) {
                        chain.add(statements.get(++i));
                    }
                    conditional(chain, scope);
                }
                case "allow" -> {
                    if (!s.word(1).equals("booting")) {
                        note(scope, s, "not converted");
                    }
                }
                case "failover" -> note(scope, s, "failover is not converted: a LeaseLedger pair is configured under ha: "
                        + "(docs/ha.md)");
                case "on" -> note(scope, s, "not converted: every commit, expiry and release is an event "
                        + "(GET /api/v1/events, or Kafka: docs/streaming.md)");
                case "ignore-client-uids" -> note(scope, s, "not converted: LeaseLedger keys a lease by the client "
                        + "identifier when the client sends one (RFC 2131 §4.2), else by its hardware address");
                case "class", "subclass" -> note(scope, s, "client classes are not converted");
                default -> {
                    if (!DHCPD_ONLY.contains(s.keyword())) {
                        note(scope, s, "not converted");
                    }
                }
            }
        }
    }

    private void subnet(Statement s, Scope parent) {
        String at = "subnet " + s.word(1);
        if (!s.word(2).equals("netmask") || s.block() == null) {
            note(parent, s, "not a subnet declaration (subnet ADDRESS netmask MASK { … }): not converted");
            return;
        }
        Scope scope = new Scope(parent, at);
        try {
            scope.cidr = new Cidr(Ipv4Address.parse(s.word(1)), prefixLength(Ipv4Address.parse(s.word(3))));
        } catch (IllegalArgumentException e) {
            note(parent, s, e.getMessage() + ": not converted");
            return;
        }
        walk(s.body(), scope);
        subnets.add(scope);
    }

    private static int prefixLength(Ipv4Address netmask) {
        int bits = netmask.value();
        int length = Integer.bitCount(bits);
        if (bits != (length == 0 ? 0 : -1 << (32 - length))) {
            throw new IllegalArgumentException("netmask " + netmask + " is not contiguous");
        }
        return length;
    }

    /** {@code range [dynamic-bootp] LOW [HIGH];} — a single address when HIGH is left out. */
    private void range(Statement s, Scope scope) {
        if (scope.cidr == null) {
            note(scope, s, "a range outside a subnet: not converted");
            return;
        }
        int first = s.word(1).equals("dynamic-bootp") ? 2 : 1;
        if (first == 2) {
            note(scope, s, "dynamic-bootp: BOOTP clients are not served here; the range is converted for DHCP");
        }
        ObjectNode range = NODES.objectNode();
        range.put("start", s.word(first));
        range.put("end", s.word(first + 1).isEmpty() ? s.word(first) : s.word(first + 1));
        range.put("kind", "dynamic");
        scope.ranges.add(range);
    }

    private void pool(Statement s, Scope scope) {
        for (Statement inside : s.body()) {
            switch (inside.keyword()) {
                case "range" -> range(inside, scope);
                case "failover" -> note(scope, inside, "failover is not converted: a LeaseLedger pair is configured "
                        + "under ha: (docs/ha.md)");
                default -> note(scope, inside, "inside a pool: not converted (the pool's ranges are)");
            }
        }
    }

    private void host(Statement s, Scope parent) {
        Scope scope = new Scope(parent, "host " + s.word(1));
        String mac = null;
        String address = null;
        for (Statement inside : s.body()) {
            switch (inside.keyword()) {
                case "hardware" -> {
                    if (inside.word(1).equals("ethernet")) {
                        mac = inside.word(2).toLowerCase(java.util.Locale.ROOT);
                    } else {
                        note(scope, inside, "only ethernet hardware addresses are converted");
                    }
                }
                case "fixed-address" -> {
                    address = inside.word(1);
                    if (inside.words().size() > 2) {
                        note(scope, inside, "only the first fixed address is converted");
                    }
                }
                case "option" -> scope.options.put(inside.word(1), inside);
                default -> note(scope, inside, "not converted for a host");
            }
        }
        if (mac == null || address == null) {
            note(parent, s, "a host without both hardware ethernet and fixed-address: not converted");
            return;
        }
        try {
            Ipv4Address.parse(address);
        } catch (IllegalArgumentException e) {
            note(parent, s, "fixed-address " + address + " is not an IPv4 address (a DNS name?): not converted");
            return;
        }
        hosts.add(new Host(scope, mac, address, s));
    }

    /**
     * An {@code if} / {@code elsif} / {@code else} chain choosing the boot file: each branch tests
     * option 93 ({@code option arch = 00:07 or option arch = 00:09}) or the iPXE user class, and
     * sets {@code filename} (and perhaps {@code next-server}); the {@code else} branch is BIOS's.
     */
    private void conditional(List<Statement> chain, Scope scope) {
        for (Statement branch : chain) {
            boolean elseIf = branch.keyword().equals("else") && branch.word(1).equals("if");
            boolean isElse = branch.keyword().equals("else") && !elseIf;
            List<Token> condition = isElse ? List.of() : branch.words().subList(elseIf ? 2 : 1, branch.words().size());
            List<String> keys = new ArrayList<>(isElse ? List.of("bios") : pxeKeys(condition));
            if (keys.isEmpty()) {
                note(scope, branch, "a condition other than option 93 or the iPXE user class: not converted");
                continue;
            }
            List<String> unmapped = keys.stream().filter(k -> k.startsWith(ARCH_WITHOUT_KEY)).toList();
            if (!unmapped.isEmpty()) {
                note(scope, branch, "option 93 type " + String.join(", ", unmapped).replace(ARCH_WITHOUT_KEY, "")
                        + " has no boot file here (bios, uefi-x64, uefi-arm64, http-uefi-x64, http-uefi-arm64)");
                keys.removeAll(unmapped);
            }
            for (Statement inside : branch.body()) {
                switch (inside.keyword()) {
                    case "filename" -> keys.forEach(key -> scope.pxe.putIfAbsent(key, inside.word(1)));
                    case "next-server" -> scope.pxe.put("next-server", inside.word(1));
                    case "option" -> {
                        if (!inside.word(1).equals("vendor-class-identifier")) { // HTTPClient is echoed here by itself
                            note(scope, inside, "inside a boot-file branch: not converted");
                        }
                    }
                    default -> note(scope, inside, "inside a boot-file branch: not converted");
                }
            }
        }
    }

    /** The PXE keys a branch's condition selects; empty when it tests anything else. */
    private List<String> pxeKeys(List<Token> condition) {
        List<String> keys = new ArrayList<>();
        List<List<Token>> alternatives = new ArrayList<>(List.of(new ArrayList<>()));
        for (Token t : condition) {
            if (t.is("or")) {
                alternatives.add(new ArrayList<>());
            } else if (!t.is("(") && !t.is(")")) {
                alternatives.getLast().add(t);
            }
        }
        for (List<Token> test : alternatives) {
            String key = pxeKey(test);
            if (key == null) {
                return List.of();
            }
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** {@code option arch = 00:07} → uefi-x64; {@code [exists user-class and] option user-class = "iPXE"} → ipxe-script. */
    private String pxeKey(List<Token> test) {
        List<Token> t = test;
        if (t.size() >= 3 && t.get(0).is("exists") && t.get(2).is("and")) {
            t = t.subList(3, t.size());
        }
        if (t.size() != 4 || !t.get(0).is("option") || !t.get(2).is("=")) {
            return null;
        }
        if (t.get(1).is("user-class") && t.get(3).text().equals("iPXE")) {
            return "ipxe-script";
        }
        if (!archNames.contains(t.get(1).text())) {
            return null;
        }
        try {
            int arch = 0;
            for (String octet : t.get(3).text().split(":")) {
                arch = arch << 8 | Integer.parseInt(octet, 16);
            }
            return ConverterYaml.PXE_KEY_OF_ARCH.getOrDefault(arch, ARCH_WITHOUT_KEY + arch);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void seconds(Statement s, Scope scope, String key) {
        try {
            scope.settings.put(key, Long.parseLong(s.word(1)) + "s");
        } catch (NumberFormatException e) {
            note(scope, s, "not a number of seconds: not converted");
        }
    }

    private Result emit(Scope global) {
        ObjectNode out = NODES.objectNode();
        out.putObject("server").putArray("interfaces");
        notConverted.add(0, "dhcpd takes the interfaces it serves on its command line (INTERFACESv4 in "
                + "/etc/default/isc-dhcp-server): list them under server.interfaces");
        ArrayNode globalOptions = NODES.arrayNode();
        global.options.forEach((name, s) -> {
            if (!SUBNET_KEY_OPTIONS.contains(name)) {
                snippet(global, s).ifPresent(globalOptions::add);
            }
        });
        if (!globalOptions.isEmpty()) {
            out.set("options", globalOptions);
        }
        ObjectNode globalPxe = pxe(List.of(global));
        if (!globalPxe.isEmpty()) {
            out.set("pxe", globalPxe);
        }
        ArrayNode subnetNodes = out.putArray("subnets");
        Map<Scope, ArrayNode> hostsOf = new LinkedHashMap<>();
        List<ObjectNode> nodes = new ArrayList<>();
        for (Scope subnet : subnets) {
            nodes.add(subnet(subnet, hostsOf));
        }
        nodes.forEach(subnetNodes::add);
        for (Host host : hosts) {
            Ipv4Address address = Ipv4Address.parse(host.address());
            Optional<Scope> home = subnets.stream().filter(s -> s.cidr.contains(address)).findFirst();
            if (home.isEmpty()) {
                note(host.scope(), host.declaration(), "no subnet declared here holds " + host.address() + ": not converted");
                continue;
            }
            ObjectNode node = hostsOf.get(home.get()).addObject();
            node.put("mac", host.mac());
            node.put("address", host.address());
            host.scope().options.forEach((name, s) -> {
                if (name.equals("host-name")) {
                    node.put("hostname", s.word(2));
                } else {
                    ArrayNode options = node.has("options") ? (ArrayNode) node.get("options") : node.putArray("options");
                    snippet(host.scope(), s).ifPresent(options::add);
                }
            });
            if (node.has("options") && node.get("options").isEmpty()) {
                node.remove("options"); // none of the host's options converted: each one is noted
            }
        }
        for (ObjectNode node : nodes) {
            for (String list : List.of("ranges", "hosts")) {
                if (node.get(list).isEmpty()) {
                    node.remove(list);
                }
            }
        }
        return new Result(ConverterYaml.write(out), List.copyOf(notConverted));
    }

    private ObjectNode subnet(Scope subnet, Map<Scope, ArrayNode> hostsOf) {
        ObjectNode out = NODES.objectNode();
        out.put("cidr", subnet.cidr.toString());
        subnet.option("routers").ifPresent(s -> {
            List<String> routers = values(s);
            out.put("gateway", routers.getFirst());
            if (routers.size() > 1) {
                note(subnet, s, "only the first router is the gateway here");
            }
        });
        subnet.option("domain-name-servers").ifPresent(s -> {
            // dhcpd resolves names here when it starts; LeaseLedger's file takes addresses.
            List<String> addresses = values(s).stream().filter(DhcpdConfigurationConverter::isAddress).toList();
            if (addresses.size() < values(s).size()) {
                note(subnet, s, "DNS servers given by name are not converted: write their addresses");
            }
            if (!addresses.isEmpty()) {
                addresses.forEach(out.putArray("dns-servers")::add);
            }
        });
        subnet.option("domain-name").ifPresent(s -> out.put("domain", s.word(2)));
        // dhcpd is not authoritative unless told so; LeaseLedger is by default: say which.
        out.put("authoritative", Boolean.parseBoolean(subnet.setting("authoritative").orElse("false")));
        for (String key : List.of("lease-time", "min-lease-time", "max-lease-time")) {
            subnet.setting(key).ifPresent(v -> out.put(key, v));
        }
        ArrayNode ranges = out.putArray("ranges");
        subnet.ranges.forEach(ranges::add);
        hostsOf.put(subnet, out.putArray("hosts"));
        // Options set between the global scope and the subnet (shared network, group, the subnet itself).
        List<Scope> own = new ArrayList<>();
        for (Scope s = subnet; s.parent != null; s = s.parent) {
            own.addFirst(s);
        }
        Map<String, Statement> options = new LinkedHashMap<>();
        own.forEach(s -> options.putAll(s.options));
        ArrayNode snippets = NODES.arrayNode();
        options.forEach((name, s) -> {
            if (!SUBNET_KEY_OPTIONS.contains(name) && !name.equals("subnet-mask") && !name.equals("broadcast-address")) {
                snippet(subnet, s).ifPresent(snippets::add);
            } else if (name.equals("subnet-mask") && !s.word(2).equals(subnet.cidr.netmask().toString())) {
                note(subnet, s, "not the subnet's netmask: not converted");
            } else if (name.equals("broadcast-address") && !s.word(2).equals(subnet.cidr.broadcast().toString())) {
                snippet(subnet, s).ifPresent(snippets::add);
            }
        });
        if (!snippets.isEmpty()) {
            out.set("options", snippets);
        }
        ObjectNode pxe = pxe(own);
        if (!pxe.isEmpty()) {
            out.set("pxe", pxe);
        }
        return out;
    }

    /** The PXE keys the scopes set, the innermost last. */
    private static ObjectNode pxe(List<Scope> scopes) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Scope s : scopes) {
            keys.putAll(s.pxe);
        }
        return ConverterYaml.pxe(keys);
    }

    /** An option statement as a snippet typed by the option catalogue; empty (and noted) when it cannot be. */
    private Optional<ObjectNode> snippet(Scope scope, Statement s) {
        String name = s.word(1);
        Optional<OptionDef<?>> def = OptionCatalog.all().stream().filter(d -> d.name().equals(name)).findFirst();
        if (def.isEmpty()) {
            note(scope, s, "option " + name + " is not in LeaseLedger's option catalogue: add it as a snippet by code "
                    + "with hex or text (docs/configuration.md, \"Option snippets\")");
            return Optional.empty();
        }
        int code = def.get().code().value();
        if ((code == 66 || code == 67) && scope.where.startsWith("host ")) {
            note(scope, s, "a host's own boot server or file is not converted (PXE is set per subnet)");
            return Optional.empty();
        }
        if (code == 66 || code == 67) {
            scope.pxe.put(code == 66 ? "server-name" : ConverterYaml.ANY_FILE, s.word(2));
            note(scope, s, "converted under pxe (" + (code == 66 ? "server-name" : "the boot files") + "), not as an option");
            return Optional.empty();
        }
        if (SnippetReader.SERVER_OWNED.containsKey(code)) {
            note(scope, s, "not converted: " + SnippetReader.SERVER_OWNED.get(code));
            return Optional.empty();
        }
        try {
            return Optional.of(ConverterYaml.snippet(def.get(), values(s)));
        } catch (IllegalArgumentException e) {
            note(scope, s, e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean isAddress(String text) {
        try {
            Ipv4Address.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** An option statement's values: the words after its name, commas left out. */
    private static List<String> values(Statement s) {
        List<String> out = new ArrayList<>();
        for (Token t : s.words().subList(Math.min(2, s.words().size()), s.words().size())) {
            if (!t.is(",")) {
                out.add(t.text());
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("line " + s.line() + ": option " + s.word(1) + " has no value");
        }
        return out;
    }

    private void note(Scope scope, Statement s, String why) {
        notConverted.add(scope.where + " (line " + s.line() + "): " + s.text() + " — " + why);
    }
}
