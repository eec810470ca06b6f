package io.leaseledger.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;

/** The YAML the converters write: no document marker, quotes only where YAML needs them, numbers-as-text quoted. */
final class ConverterYaml {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private ConverterYaml() {}

    static String write(ObjectNode configuration) {
        try {
            return YAML.writeValueAsString(configuration);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write YAML", e);
        }
    }
}
