package io.leaseledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code ha:} block: a hot-standby pair's keys, their defaults, and what they require. */
class HaConfigurationTest {
    private static final String RACK = """
            server: {bind: [127.0.0.1], port: 6767}
            node: {name: rack-a}
            kafka: {bootstrap-servers: 'kafka:9092'}
            """;

    private static LeaseLedgerConfiguration parse(String yaml) throws ConfigurationException {
        return new ConfigurationLoader(FakeHost.INSTANCE).parse(yaml, "test.yaml");
    }

    private static List<String> errorsOf(String yaml) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> parse(yaml));
        assertThat(e).as("expected errors for:\n" + yaml).isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void withoutTheBlockANodeServesAlone() throws Exception {
        assertThat(parse(RACK).ha()).isEmpty();
    }

    @Test
    void theDefaultsAndThePartnerPublishingToTheSharedLeaseTopic() throws Exception {
        HaConfiguration ha = parse(RACK + "ha: {mode: hot-standby, role: standby, partner: rack-b}\n").ha().orElseThrow();
        assertThat(ha).isEqualTo(new HaConfiguration(HaConfiguration.Role.STANDBY, "rack-b", Duration.ofSeconds(1),
                Duration.ofSeconds(10), 10, Duration.ofSeconds(10), Duration.ofSeconds(60), "leaseledger.ha",
                "leaseledger.leases"));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        HaConfiguration ha = parse(RACK + """
                ha:
                  mode: hot-standby
                  role: primary
                  partner: rack-b
                  heartbeat-interval: 2s
                  max-response-delay: 30s
                  max-unacked-clients: 0
                  max-ack-delay: 5s
                  sync-timeout: 2m
                  heartbeat-topic: lab.ha
                  partner-topic: rack-b.leases
                """).ha().orElseThrow();
        assertThat(ha).isEqualTo(new HaConfiguration(HaConfiguration.Role.PRIMARY, "rack-b", Duration.ofSeconds(2),
                Duration.ofSeconds(30), 0, Duration.ofSeconds(5), Duration.ofMinutes(2), "lab.ha", "rack-b.leases"));
    }

    @Test
    void mistakesAreNamed() {
        assertThat(errorsOf("server: {bind: [127.0.0.1], port: 6767}\nha: {mode: hot-standby, role: primary, partner: b}\n"))
                .containsExactly("ha: the partners exchange their events and heartbeats through Kafka: add a kafka: block");
        assertThat(errorsOf(RACK + "ha: {mode: load-balancing, role: primary, partner: rack-b}\n")).singleElement()
                .asString().startsWith("ha.mode: 'load-balancing' is not a mode");
        assertThat(errorsOf(RACK + "ha: {mode: hot-standby, role: secondary, partner: rack-b}\n")).singleElement()
                .asString().startsWith("ha.role: ");
        assertThat(errorsOf(RACK + "ha: {mode: hot-standby, role: primary, partner: rack-a}\n"))
                .containsExactly("ha.partner: 'rack-a' is this node's own name (node.name): name the other rack");
        assertThat(errorsOf(RACK + "ha: {mode: hot-standby, role: primary}\n")).containsExactly("ha.partner: is required");
        assertThat(errorsOf(RACK + "ha: {mode: hot-standby, role: primary, partner: rack-b, heartbeat-interval: 5s, "
                + "max-response-delay: 6s}\n")).singleElement().asString().startsWith("ha.max-response-delay: must be at least twice");
        assertThat(errorsOf(RACK + "ha: {mode: hot-standby, role: primary, partner: rack-b, heartbeat-topic: leaseledger.leases}\n"))
                .singleElement().asString().startsWith("ha.heartbeat-topic: 'leaseledger.leases' carries events");
        assertThat(errorsOf(RACK + "ha: {mode: hot-standby, role: primary, partner: rack-b, heartbeat: 1s}\n"))
                .singleElement().asString().startsWith("ha.heartbeat: ");
    }
}
