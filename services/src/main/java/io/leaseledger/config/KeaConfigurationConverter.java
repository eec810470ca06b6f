package io.leaseledger.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kea's {@code kea-dhcp4.conf} turned into LeaseLedger's YAML, for an operator switching (docs/operations.md,
 * "Switching from Kea, ISC dhcpd or dnsmasq"): the served interfaces, and per subnet its pools, router, DNS
 * servers, domain, lease times and host reservations by hardware address — subnets inside shared
 * networks included. What has no counterpart here, or is not converted (client classes, hooks,
 * reservations by client id or circuit id, options beyond the usual ones), is named in
 * {@link Result#notConverted}, never dropped silently.
 */
public final class KeaConfigurationConverter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Keys with nothing to carry over: they only tune Kea itself. */
    private static final Set<String> KEA_ONLY = Set.of("lease-database", "loggers", "control-socket", "sanity-checks",
            "expired-leases-processing", "multi-threading", "dhcp-queue-control", "id", "comment", "user-context",
            "hosts-database",
            "host-reservation-identifiers", "dhcp-socket-type", "re-detect", "service-sockets-max-retries",
            "service-sockets-retry-wait-time", "service-sockets-require-all", "outbound-interface");

    /** The options that become a subnet's keys here, by code. */
    private static final Map<Integer, String> CONVERTED_OPTIONS = Map.of(3, "routers", 6, "domain-name-servers",
            15, "domain-name");

    /** The YAML, and one line per setting of Kea's file that is not in it. */
    public record Result(String yaml, List<String> notConverted) {}

    private final List<String> notConverted = new ArrayList<>();

    private KeaConfigurationConverter() {}

    /** Kea's JSON, with the comments Kea allows ({@code #}, {@code //}, {@code /* *}{@code /}). */
    public static Result convert(String keaJson) {
        ObjectMapper json = new ObjectMapper();
        json.configure(JsonParser.Feature.ALLOW_COMMENTS, true);
        json.configure(JsonParser.Feature.ALLOW_YAML_COMMENTS, true);
        json.configure(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_TRAILING_COMMA.mappedFeature(), true);
        JsonNode root;
        try {
            root = json.readTree(keaJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("not Kea's JSON: " + (e instanceof com.fasterxml.jackson.core.JsonProcessingException p ? p.getOriginalMessage() : e.getMessage()));
        }
        JsonNode dhcp4 = root == null ? null : root.get("Dhcp4");
        if (dhcp4 == null || !dhcp4.isObject()) {
            throw new IllegalArgumentException("no \"Dhcp4\" object: not a kea-dhcp4 configuration");
        }
        return new KeaConfigurationConverter().convertDhcp4(dhcp4);
    }

    private Result convertDhcp4(JsonNode dhcp4) {
        ObjectNode out = NODES.objectNode();
        ObjectNode server = out.putObject("server");
        ArrayNode interfaces = server.putArray("interfaces");
        for (JsonNode entry : iterable(dhcp4.path("interfaces-config").path("interfaces"))) {
            String name = entry.asText();
            if (name.equals("*")) {
                notConverted.add("interfaces-config.interfaces: \"*\" (LeaseLedger serves the interfaces it is given by name)");
            } else {
                interfaces.add(name.contains("/") ? name.substring(0, name.indexOf('/')) : name);
            }
        }
        ArrayNode subnets = out.putArray("subnets");
        for (JsonNode subnet : iterable(dhcp4.path("subnet4"))) {
            subnets.add(subnet(subnet, dhcp4, "subnet4"));
        }
        for (JsonNode shared : iterable(dhcp4.path("shared-networks"))) {
            String name = shared.path("name").asText("?");
            for (JsonNode subnet : iterable(shared.path("subnet4"))) {
                subnets.add(subnet(subnet, shared, "shared-networks[" + name + "].subnet4"));
            }
            unknownKeys(shared, "shared-networks[" + name + "]", Set.of("name", "subnet4", "valid-lifetime",
                    "min-valid-lifetime", "max-valid-lifetime", "option-data", "authoritative", "interface", "relay"));
        }
        globalOptions(dhcp4);
        unknownKeys(dhcp4, "Dhcp4", Set.of("interfaces-config", "subnet4", "shared-networks", "option-data",
                "valid-lifetime", "min-valid-lifetime", "max-valid-lifetime", "authoritative"));
        return new Result(ConverterYaml.write(out), List.copyOf(notConverted));
    }

    private ObjectNode subnet(JsonNode subnet, JsonNode parent, String where) {
        String cidr = subnet.path("subnet").asText();
        String at = where + "[" + cidr + "]";
        ObjectNode out = NODES.objectNode();
        out.put("cidr", cidr);
        Map<String, String> options = options(subnet.path("option-data"), parent.path("option-data"), at);
        if (options.containsKey("routers")) {
            String[] routers = options.get("routers").split("\\s*,\\s*");
            out.put("gateway", routers[0]);
            if (routers.length > 1) {
                notConverted.add(at + ": routers " + options.get("routers") + ": only the first is the gateway here");
            }
        }
        if (options.containsKey("domain-name-servers")) {
            ArrayNode dns = out.putArray("dns-servers");
            Arrays.stream(options.get("domain-name-servers").split("\\s*,\\s*")).forEach(dns::add);
        }
        if (options.containsKey("domain-name")) {
            out.put("domain", options.get("domain-name"));
        }
        lifetime(subnet, parent, "valid-lifetime", "lease-time", out);
        lifetime(subnet, parent, "min-valid-lifetime", "min-lease-time", out);
        lifetime(subnet, parent, "max-valid-lifetime", "max-lease-time", out);
        JsonNode authoritative = subnet.has("authoritative") ? subnet.get("authoritative") : parent.get("authoritative");
        if (authoritative != null && authoritative.isBoolean()) {
            out.put("authoritative", authoritative.asBoolean());
        }
        ArrayNode ranges = out.putArray("ranges");
        for (JsonNode pool : iterable(subnet.path("pools"))) {
            String text = pool.path("pool").asText().strip();
            String[] bounds = text.contains("-") ? text.split("\\s*-\\s*") : hostBounds(text, cidr);
            ObjectNode range = ranges.addObject();
            range.put("start", bounds[0]);
            range.put("end", bounds[1]);
            range.put("kind", "dynamic");
            unknownKeys(pool, at + ".pools[" + text + "]", Set.of("pool"));
        }
        ArrayNode hosts = NODES.arrayNode();
        for (JsonNode reservation : iterable(subnet.path("reservations"))) {
            if (!reservation.has("hw-address") || !reservation.has("ip-address")) {
                notConverted.add(at + ": reservation " + reservation + ": only reservations by hw-address with an "
                        + "ip-address are converted");
                continue;
            }
            ObjectNode host = hosts.addObject();
            host.put("mac", reservation.get("hw-address").asText());
            host.put("address", reservation.get("ip-address").asText());
            if (reservation.has("hostname")) {
                host.put("hostname", reservation.get("hostname").asText());
            }
            unknownKeys(reservation, at + ".reservations[" + reservation.get("hw-address").asText() + "]",
                    Set.of("hw-address", "ip-address", "hostname"));
        }
        if (!hosts.isEmpty()) {
            out.set("hosts", hosts);
        }
        unknownKeys(subnet, at, Set.of("subnet", "pools", "option-data", "reservations", "valid-lifetime",
                "min-valid-lifetime", "max-valid-lifetime", "authoritative", "interface", "relay"));
        return out;
    }

    /** The subnet's options by name, over its parent's (a shared network's or the global ones). */
    private Map<String, String> options(JsonNode own, JsonNode inherited, String at) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (JsonNode scope : List.of(inherited, own)) {
            for (JsonNode option : iterable(scope)) {
                String name = optionName(option);
                if (CONVERTED_OPTIONS.containsValue(name)) {
                    options.put(name, option.path("data").asText());
                } else if (scope == own) {
                    notConverted.add(at + ": option " + name + " (" + option.path("data").asText() + "): not converted");
                }
            }
        }
        return options;
    }

    private void globalOptions(JsonNode dhcp4) {
        for (JsonNode option : iterable(dhcp4.path("option-data"))) {
            String name = optionName(option);
            if (!CONVERTED_OPTIONS.containsValue(name)) {
                notConverted.add("Dhcp4.option-data: option " + name + " (" + option.path("data").asText() + "): not converted");
            }
        }
    }

    /** Kea names an option or gives its code; the three converted ones by either. */
    private static String optionName(JsonNode option) {
        if (option.hasNonNull("name")) {
            return option.get("name").asText();
        }
        int code = option.path("code").asInt(-1);
        return CONVERTED_OPTIONS.getOrDefault(code, "code " + code);
    }

    private static void lifetime(JsonNode subnet, JsonNode parent, String keaKey, String key, ObjectNode out) {
        JsonNode value = subnet.has(keaKey) ? subnet.get(keaKey) : parent.get(keaKey);
        if (value != null && value.canConvertToLong()) {
            out.put(key, value.asLong() + "s");
        }
    }

    private void unknownKeys(JsonNode node, String at, Set<String> known) {
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!known.contains(key) && !KEA_ONLY.contains(key)) {
                notConverted.add(at + "." + key + ": not converted");
            }
        }
    }

    /** A pool written as a prefix, without the subnet's network and broadcast addresses (never leased). */
    private static String[] hostBounds(String pool, String subnet) {
        Cidr range = Cidr.parse(pool);
        Cidr of = Cidr.parse(subnet);
        Ipv4Address first = range.network().equals(of.network()) ? of.firstHost() : range.network();
        Ipv4Address last = range.broadcast().equals(of.broadcast()) ? of.lastHost() : range.broadcast();
        return new String[] {first.toString(), last.toString()};
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node == null || !node.isArray() ? List.of() : node::elements;
    }
}
