package io.leaseledger.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file: where ({@code subnets[1].ranges[0]}) and what,
 * with the offending value quoted in the message so the operator can find it without a line number.
 *
 * @param path    the key path from the document root; empty for the document itself
 * @param message what is wrong, naming the value
 */
public record ConfigError(String path, String message) {

    public ConfigError {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
