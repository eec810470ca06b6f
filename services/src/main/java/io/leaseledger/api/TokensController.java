package io.leaseledger.api;

import io.leaseledger.api.auth.RequiresRole;
import io.leaseledger.api.auth.Role;
import io.leaseledger.api.auth.TokenStore;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.List;

/** {@code GET /api/v1/tokens}: who can reach the API (admin only; never the secrets or their hashes). */
@Controller("/api/v1/tokens")
@RequiresRole(Role.ADMIN)
public final class TokensController {
    private final TokenStore tokens;

    public TokensController(TokenStore tokens) {
        this.tokens = tokens;
    }

    public record TokenView(String id, String name, String role, String created) {}

    @Get
    public List<TokenView> list() {
        return tokens.list().stream()
                .map(t -> new TokenView(t.id(), t.name(), t.role().label(), t.created().toString())).toList();
    }
}
