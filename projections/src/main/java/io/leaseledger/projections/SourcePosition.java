package io.leaseledger.projections;

import java.util.Objects;

/**
 * Where in a source a projection is: the source's name ("event-store", "kafka") and an opaque
 * token that only that source reads back (an Axon tracking token, Kafka offsets per partition).
 * Stored in {@code projection_position} in the same transaction as the rows it led to.
 */
public record SourcePosition(String source, String token) {

    public static final int MAX_TOKEN_LENGTH = 4000;

    public SourcePosition {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(token, "token");
        if (source.isBlank() || source.length() > 64) {
            throw new IllegalArgumentException("source name must have 1..64 characters, got \"" + source + "\"");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("position token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
    }
}
