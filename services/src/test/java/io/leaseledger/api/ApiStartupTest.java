package io.leaseledger.api;

import io.leaseledger.api.auth.Role;
import io.leaseledger.api.auth.TokenStore;
import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.server.LeaseLedgerNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@code api:} block and the rule that a non-loopback API needs a token before it starts. The
 * node's {@code store:} (and {@code projections:}) come from {@link #databases()}: H2 here, a
 * PostgreSQL made for each test in {@link ApiStartupOnPostgresTest}.
 */
class ApiStartupTest {
    @TempDir
    Path dir;
    private NodeDatabases databases;

    /** Where the node keeps its store and projections: H2 files unless a subclass says otherwise. */
    NodeDatabases databases() throws Exception {
        return NodeDatabases.h2();
    }

    @BeforeEach
    void createDatabases() throws Exception {
        databases = databases();
    }

    @AfterEach
    void dropDatabases() throws Exception {
        if (databases != null) {
            databases.close();
        }
    }

    private LeaseLedgerConfiguration parse(String api) throws ConfigurationException {
        String yaml = """
                server:
                  port: 26767
                  bind: [127.0.0.1]
                  warm-up: false
                %s%s
                subnets:
                  - cidr: 198.18.0.0/24
                """.formatted(databases.yaml(dir), api);
        return new ConfigurationLoader(HostInterfaces.system()).parse(yaml, "test.yaml");
    }

    /** With PostgreSQL too: the store's {@code path} is then the node's own files, the tokens among them. */
    @Test
    void withoutAnApiBlockThereIsNoHttpServerAndTokensDefaultBesideTheStore() throws Exception {
        LeaseLedgerConfiguration config = parse("");
        assertThat(config.api().enabled()).isFalse();
        assertThat(config.api().tokensFile()).isEqualTo(dir.resolve("data").resolve("api-tokens.json"));
    }

    @Test
    void anEmptyApiBlockListensOnLoopback8067() throws Exception {
        LeaseLedgerConfiguration config = parse("api: {}");
        assertThat(config.api().enabled()).isTrue();
        assertThat(config.api().bind().toString()).isEqualTo("127.0.0.1");
        assertThat(config.api().port()).isEqualTo(8067);
        assertThat(config.api().loopback()).isTrue();
    }

    @Test
    void badKeysAreNamed() {
        assertThatThrownBy(() -> parse("api: {bind: 0.0.0.0, port: 70000, tokenz: x}"))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).errors())
                        .extracting(err -> err.path())
                        .contains("api.bind", "api.port", "api.tokenz"));
    }

    /** Refused before anything starts: the event store is not opened, let alone written. */
    @Test
    void aNonLoopbackApiWithoutTokensRefusesToStartNamingTheKey() throws Exception {
        LeaseLedgerConfiguration config = parse("api: {bind: 198.18.0.1, tokens-file: " + dir.resolve("t.json") + "}");
        assertThatThrownBy(() -> LeaseLedgerNode.start(config, Clock.systemUTC()))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).errors())
                        .singleElement().satisfies(err -> {
                            assertThat(err.path()).isEqualTo("api.bind");
                            assertThat(err.message()).contains("198.18.0.1", "token create");
                        }));
        assertThat(databases.storeUntouched(dir)).isTrue();
    }

    @Test
    void aNonLoopbackApiWithATokenPassesTheCheck() throws Exception {
        LeaseLedgerConfiguration config = parse("api: {bind: 198.18.0.1, tokens-file: " + dir.resolve("t.json") + "}");
        new TokenStore(config.api().tokensFile()).create("ops", Role.ADMIN, Instant.now());
        ApiServer.check(config.api()); // does not throw
    }
}
