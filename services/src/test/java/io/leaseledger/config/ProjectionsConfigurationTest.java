package io.leaseledger.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The {@code projections:} block: its defaults, every key, and the errors that name them. */
class ProjectionsConfigurationTest {
    private static final String SERVER = "server: {bind: [127.0.0.1], port: 6767}\nstore: {path: /var/lib/ll}\n";

    private static LeaseLedgerConfiguration parse(String yaml) throws ConfigurationException {
        return new ConfigurationLoader(FakeHost.INSTANCE).parse(yaml, "test.yaml");
    }

    private static ConfigurationException errorsOf(String yaml) {
        return catchThrowableOfType(ConfigurationException.class, () -> parse(yaml));
    }

    @Test
    void withoutTheBlockProjectionsAreKeptInH2BesideTheStore() throws Exception {
        ProjectionsConfiguration p = parse(SERVER).projections();
        assertThat(p.enabled()).isTrue();
        assertThat(p.kind()).isEqualTo("h2");
        assertThat(p.jdbcUrl()).isEqualTo("jdbc:h2:file:/var/lib/ll/projections;DATABASE_TO_LOWER=TRUE");
        assertThat(p.batchSize()).isEqualTo(2_000);
        assertThat(p.pollInterval()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        ProjectionsConfiguration p = parse(SERVER + """
                projections:
                  enabled: true
                  kind: postgresql
                  url: jdbc:postgresql://127.0.0.1:5432/leaseledger
                  user: ll
                  password: secret
                  batch-size: 500
                  poll-interval-ms: 50
                """).projections();
        assertThat(p.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/leaseledger");
        assertThat(p.username()).isEqualTo("ll");
        assertThat(p.password()).contains("secret");
        assertThat(p.batchSize()).isEqualTo(500);
        assertThat(p.pollInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(parse(SERVER + "projections: {path: /srv/p}\n").projections().path()).isEqualTo(Path.of("/srv/p"));
        assertThat(parse(SERVER + "projections: {enabled: false}\n").projections().enabled()).isFalse();
    }

    @Test
    void errorsNameTheKey() {
        assertThat(errorsOf(SERVER + "projections: {kind: postgresql}\n").errors()).extracting(ConfigError::toString)
                .containsExactly("projections.url: is required when kind is postgresql");
        assertThat(errorsOf(SERVER + "projections: {kind: mysql}\n").errors()).extracting(ConfigError::toString)
                .containsExactly("projections.kind: 'mysql' is not a projections database kind: use h2 or postgresql");
        assertThat(errorsOf(SERVER + "projections: {kind: postgresql, url: 'jdbc:h2:mem:x'}\n").errors())
                .extracting(ConfigError::toString)
                .containsExactly("projections.url: 'jdbc:h2:mem:x' is not a PostgreSQL JDBC URL (jdbc:postgresql://host/database)");
        assertThat(errorsOf(SERVER + "projections: {batch-size: 0}\n").errors()).singleElement()
                .satisfies(e -> assertThat(e.toString()).startsWith("projections.batch-size:"));
        assertThat(errorsOf(SERVER + "projections: {poll-interval: 5}\n").errors()).singleElement()
                .satisfies(e -> assertThat(e.toString()).startsWith("projections.poll-interval:"));
    }
}
