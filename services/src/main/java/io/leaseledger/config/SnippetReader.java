package io.leaseledger.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.OptionDef;
import io.leaseledger.wire.reply.OptionSnippet;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one option snippet: {@code {code: 42, value: ["198.18.0.5"]}} (typed through the codec's
 * option catalogue), {@code {name: ntp-servers, value: ...}}, {@code {code: 224, hex: "0102"}}
 * or {@code {code: 224, text: "..."}} for options the catalogue does not know, plus
 * {@code always-send: true} to send it even when the client does not ask for it.
 */
final class SnippetReader {

    /**
     * Options the server itself writes from other keys or from the request; a snippet for them
     * would contradict the server, so the file is refused with the key to use instead.
     */
    static final Map<Integer, String> SERVER_OWNED = Map.ofEntries(
            Map.entry(1, "the subnet mask follows from the subnet's cidr"),
            Map.entry(12, "set the host name with a host's 'hostname' key"),
            Map.entry(50, "the requested address is sent by clients only"),
            Map.entry(51, "set 'lease-time' on the subnet"),
            Map.entry(52, "option overload is decided by the encoder"),
            Map.entry(53, "the message type is decided by the server"),
            Map.entry(54, "set 'server.server-identifier'"),
            Map.entry(55, "the parameter request list is sent by clients only"),
            Map.entry(57, "the maximum message size is sent by clients only"),
            Map.entry(58, "T1 follows from 'lease-time'"),
            Map.entry(59, "T2 follows from 'lease-time'"),
            Map.entry(61, "the client identifier is echoed from the request"),
            Map.entry(66, "set 'pxe.server-name'"),
            Map.entry(67, "set the boot files under 'pxe'"),
            Map.entry(82, "relay agent information is echoed from the relay"),
            Map.entry(118, "subnet selection is sent by clients or relays only"));

    private SnippetReader() {}

    static Optional<OptionSnippet> read(YamlNode n) {
        Optional<Integer> code = code(n);
        boolean always = n.bool("always-send").orElse(false);
        boolean hasValue = n.has("value");
        boolean hasHex = n.has("hex");
        boolean hasText = n.has("text");
        int given = (hasValue ? 1 : 0) + (hasHex ? 1 : 0) + (hasText ? 1 : 0);
        Optional<byte[]> bytes = Optional.empty();
        if (given != 1) {
            n.error("give exactly one of 'value', 'hex' or 'text', found " + given);
        } else if (hasHex && n.raw("hex").orElseThrow().isNumber()) {
            n.error("hex", "YAML read this as the number " + n.raw("hex").orElseThrow() + ": put hex in quotes, as in hex: \"0102\"");
        } else if (hasHex) {
            bytes = n.parsed("hex", "hex octets (0102, 01:02 or 01 02)", SnippetReader::hex);
        } else if (hasText) {
            bytes = n.text("text").map(t -> t.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (code.isPresent()) {
            JsonNode raw = n.raw("value").orElseThrow();
            bytes = typed(n, code.get(), raw);
        } else {
            n.raw("value");
        }
        n.finish();
        if (code.isEmpty() || bytes.isEmpty()) {
            return Optional.empty();
        }
        if (bytes.get().length == 0) {
            n.error("an option value must have at least one byte");
            return Optional.empty();
        }
        return Optional.of(new OptionSnippet(code.get(), bytes.get(), always));
    }

    private static Optional<Integer> code(YamlNode n) {
        Optional<Integer> byCode = n.integer("code", 1, 254).map(Long::intValue);
        Optional<String> name = n.text("name");
        if (byCode.isPresent() && name.isPresent()) {
            n.error("give 'code' or 'name', not both");
            return Optional.empty();
        }
        Optional<Integer> code = byCode;
        if (name.isPresent()) {
            code = OptionCatalog.all().stream().filter(d -> d.name().equals(name.get()))
                    .map(d -> d.code().value()).findFirst();
            if (code.isEmpty()) {
                n.error("name", "'" + name.get() + "' is not an option name the catalogue knows: use 'code'");
            }
        } else if (byCode.isEmpty() && !n.has("code")) {
            n.error("code", "is required (or 'name')");
        }
        if (code.isPresent() && SERVER_OWNED.containsKey(code.get())) {
            n.error(name.isPresent() ? "name" : "code",
                    "option " + code.get() + " cannot be set by a snippet: " + SERVER_OWNED.get(code.get()));
            return Optional.empty();
        }
        return code;
    }

    private static Optional<byte[]> typed(YamlNode n, int code, JsonNode value) {
        Optional<OptionDef<?>> def = OptionCatalog.find(code);
        if (def.isEmpty()) {
            n.error("value", "option " + code + " is not in the option catalogue, so its value has no known type:"
                    + " give it as 'hex' or 'text'");
            return Optional.empty();
        }
        try {
            return Optional.of(TypedOptionValue.encode(def.get(), value));
        } catch (IllegalArgumentException e) {
            n.error("value", YamlNode.describe(value) + " is not a value of " + def.get() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    static byte[] hex(String text) {
        String digits = text.replaceAll("[\\s:]", "");
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || digits.length() % 2 != 0) {
            throw new IllegalArgumentException("an even number of hex digits");
        }
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("hex digits only");
        }
    }
}
