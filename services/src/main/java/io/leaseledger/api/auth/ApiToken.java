package io.leaseledger.api.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * One API token as stored: never the secret itself, only its SHA-256 ({@link TokenSecrets}).
 *
 * @param id      short public identifier, shown by {@code token list} and used by {@code token revoke}
 * @param name    what the operator called it (who or what uses it)
 * @param role    what it may do
 * @param sha256  hex SHA-256 of the whole token string
 * @param created when it was created
 */
public record ApiToken(String id, String name, Role role, String sha256, Instant created) {
    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(created, "created");
    }
}
