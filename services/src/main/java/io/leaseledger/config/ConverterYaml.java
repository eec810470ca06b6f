package io.leaseledger.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaseledger.wire.dhcp4.OptionDef;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML the converters write: no document marker, quotes only where YAML needs them,
 * numbers-as-text quoted; and an option snippet typed as the catalogue types it.
 */
final class ConverterYaml {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    /** Option 93's architecture types, by the PXE key their boot file goes to. */
    static final Map<Integer, String> PXE_KEY_OF_ARCH = Map.of(0, "bios", 7, "uefi-x64", 9, "uefi-x64",
            11, "uefi-arm64", 16, "http-uefi-x64", 19, "http-uefi-arm64");
    /** The key, among a converter's PXE keys, of a boot file given for every client architecture. */
    static final String ANY_FILE = "boot file for every architecture";
    private static final List<String> PXE_KEYS = List.of("next-server", "server-name", "bios", "uefi-x64", "uefi-arm64",
            "http-uefi-x64", "http-uefi-arm64", "ipxe-script");

    private ConverterYaml() {}

    /**
     * The {@code pxe:} block of the PXE keys another server's file set: a boot file for every
     * architecture ({@link #ANY_FILE}) goes to BIOS and both UEFIs where no architecture chose
     * one, as those servers serve it; keys in the order docs/configuration.md lists them.
     */
    static ObjectNode pxe(Map<String, String> set) {
        Map<String, String> keys = new LinkedHashMap<>(set);
        String any = keys.remove(ANY_FILE);
        if (any != null) {
            for (String key : List.of("bios", "uefi-x64", "uefi-arm64")) {
                keys.putIfAbsent(key, any);
            }
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String key : PXE_KEYS) {
            if (keys.containsKey(key)) {
                out.put(key, keys.get(key));
            }
        }
        return out;
    }

    /**
     * A snippet of the option {@code def} with the other server's {@code values}, typed by the option
     * catalogue ({@code name} and {@code value}, or {@code hex}); {@link IllegalArgumentException}
     * saying why when they do not fit.
     */
    static ObjectNode snippet(OptionDef<?> def, List<String> values) {
        ObjectNode snippet = JsonNodeFactory.instance.objectNode();
        snippet.put("name", def.name());
        switch (def.format()) {
            case IPV4, STRING -> snippet.put("value", values.getFirst());
            case IPV4_LIST, DOMAIN_LIST -> values.forEach(snippet.putArray("value")::add);
            case UINT8, UINT16, UINT32 -> {
                try {
                    snippet.put("value", Long.parseLong(values.getFirst()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: not converted");
                }
            }
            case BYTES -> snippet.put("hex", values.getFirst());
            default -> throw new IllegalArgumentException("an option of this form is not converted: add it as a snippet by hand");
        }
        return snippet;
    }

    static String write(ObjectNode configuration) {
        try {
            return YAML.writeValueAsString(configuration);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }
}
