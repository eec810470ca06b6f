package io.leaseledger.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file that cannot be served: every problem found, not just the first, so one
 * edit-and-restart cycle fixes them all.
 */
public final class ConfigurationException extends Exception {

    private final transient List<ConfigError> errors;

    public ConfigurationException(String source, List<ConfigError> errors) {
        super(describe(source, errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a configuration exception names at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    /** Every error, in document order. */
    public List<ConfigError> errors() {
        return errors;
    }

    private static String describe(String source, List<ConfigError> errors) {
        return errors.size() + (errors.size() == 1 ? " error" : " errors") + " in " + source + ":"
                + errors.stream().map(e -> "\n  " + e).collect(Collectors.joining());
    }
}
