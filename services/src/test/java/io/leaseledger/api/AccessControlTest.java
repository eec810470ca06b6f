package io.leaseledger.api;

import io.leaseledger.api.auth.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens and roles against the running API: 401 without or with a bad token, 403 below the route's role. */
class AccessControlTest extends RunningApi {

    @Test
    void healthIsOpen() throws Exception {
        ApiNode.Reply r = api.get("/health", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("UP");
        assertThat(r.json().get("subnets").asInt()).isEqualTo(1);
    }

    @Test
    void noTokenIs401WithABearerChallenge() throws Exception {
        ApiNode.Reply r = api.get("/api/v1/subnets", null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(r.json().get("error").asText()).isEqualTo("unauthorized");
    }

    @Test
    void anUnknownTokenIs401() throws Exception {
        assertThat(api.get("/api/v1/subnets", "ll_0000000000000000_nope").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/subnets", "not-even-our-format").status()).isEqualTo(401);
    }

    @Test
    void aReadOnlyTokenReadsButIsForbiddenAdminRoutes() throws Exception {
        assertThat(api.get("/api/v1/subnets", api.readOnly).status()).isEqualTo(200);
        ApiNode.Reply r = api.get("/api/v1/tokens", api.readOnly);
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().get("error").asText()).isEqualTo("forbidden");
        assertThat(api.get("/api/v1/tokens", api.operator).status()).isEqualTo(403);
    }

    @Test
    void anAdminListsTokensWithoutTheirSecretsOrHashes() throws Exception {
        ApiNode.Reply r = api.get("/api/v1/tokens", api.admin);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(r.body()).doesNotContain(api.admin.substring(20)).doesNotContain("sha256");
    }

    @Test
    void aRevokedTokenIs401AtTheNextRequest() throws Exception {
        String token = api.tokens.create("short-lived", Role.READ_ONLY, Instant.now()).token();
        assertThat(api.get("/api/v1/subnets", token).status()).isEqualTo(200);
        assertThat(api.tokens.revoke("short-lived")).isTrue();
        assertThat(api.get("/api/v1/subnets", token).status()).isEqualTo(401);
    }

    @Test
    void anUnknownRouteIs404NotAnAuthQuestion() throws Exception {
        assertThat(api.get("/api/v1/nothing-here", api.admin).status()).isEqualTo(404);
    }
}
