package io.leaseledger.api;

import io.leaseledger.api.auth.ApiToken;
import io.leaseledger.api.auth.Role;
import io.leaseledger.api.auth.TokenSecrets;
import io.leaseledger.api.auth.TokenStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenStoreTest {
    @TempDir
    Path dir;

    @Test
    void theFileHoldsOnlyTheHashAndOnlyItsOwnerReadsIt() throws Exception {
        TokenStore store = new TokenStore(dir.resolve("tokens.json"));
        TokenSecrets.NewSecret secret = store.create("ci", Role.OPERATOR, Instant.parse("2026-11-30T04:00:00Z"));
        String file = Files.readString(dir.resolve("tokens.json"));
        assertThat(file).doesNotContain(secret.token()).contains(TokenSecrets.sha256(secret.token()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tokens.json"))))
                .isEqualTo("rw-------");
        assertThat(secret.token()).startsWith("ll_" + secret.id() + "_").hasSizeGreaterThan(40);
    }

    @Test
    void aTokenAuthenticatesAsItsRoleUntilRevoked() {
        TokenStore store = new TokenStore(dir.resolve("tokens.json"));
        String token = store.create("ci", Role.OPERATOR, Instant.now()).token();
        // A second store on the same file, as the server is to the CLI.
        TokenStore server = new TokenStore(dir.resolve("tokens.json"));
        assertThat(server.authenticate(token)).map(ApiToken::role).contains(Role.OPERATOR);
        assertThat(server.authenticate(token + "x")).isEmpty();
        assertThat(store.revoke(store.list().getFirst().id())).isTrue();
        assertThat(server.authenticate(token)).isEmpty();
        assertThat(store.revoke("ci")).isFalse();
    }

    @Test
    void noFileMeansNoTokens() {
        assertThat(new TokenStore(dir.resolve("absent.json")).list()).isEmpty();
        assertThat(new TokenStore(dir.resolve("absent.json")).authenticate("ll_x")).isEmpty();
    }

    @Test
    void rolesAreOrderedAndNamedAsOnTheCommandLine() {
        assertThat(Role.ADMIN.allows(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.allows(Role.READ_ONLY)).isTrue();
        assertThat(Role.READ_ONLY.allows(Role.OPERATOR)).isFalse();
        assertThat(Role.fromLabel("read-only")).isEqualTo(Role.READ_ONLY);
        assertThatThrownBy(() -> Role.fromLabel("root")).hasMessageContaining("read-only, operator or admin");
        assertThatThrownBy(() -> new TokenStore(dir.resolve("t.json")).create(" ", Role.ADMIN, Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
