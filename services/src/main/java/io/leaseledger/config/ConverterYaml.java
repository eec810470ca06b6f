package io.leaseledger.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leaseledger.wire.dhcp4.OptionDef;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.util.List;

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

    private ConverterYaml() {}

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
