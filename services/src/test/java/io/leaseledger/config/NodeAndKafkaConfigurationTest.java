package io.leaseledger.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The {@code node:} and {@code kafka:} blocks: roles, defaults, and what each role requires. */
class NodeAndKafkaConfigurationTest {
    private static final String SERVER = "server: {bind: [127.0.0.1], port: 6767}\n";

    private static LeaseLedgerConfiguration parse(String yaml) throws ConfigurationException {
        return new ConfigurationLoader(FakeHost.INSTANCE).parse(yaml, "test.yaml");
    }

    private static List<String> errorsOf(String yaml) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> parse(yaml));
        assertThat(e).as("expected errors for:\n" + yaml).isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void withoutNodeOrKafkaANodeDoesEverythingAndStreamsNowhere() throws Exception {
        LeaseLedgerConfiguration config = parse(SERVER);
        assertThat(config.node().role()).isEqualTo(NodeRole.ALL);
        assertThat(config.node().name()).isNotBlank();
        assertThat(config.kafka()).isEmpty();
    }

    @Test
    void aRackReadsItsNameAndKafkaWithDefaultTopics() throws Exception {
        LeaseLedgerConfiguration config = parse(SERVER + """
                node: {name: rack-1, role: rack}
                kafka:
                  bootstrap-servers: [kafka:9092, kafka-2:9092]
                """);
        assertThat(config.node()).isEqualTo(new NodeConfiguration("rack-1", NodeRole.RACK));
        KafkaConfiguration kafka = config.kafka().orElseThrow();
        assertThat(kafka.bootstrapServersText()).isEqualTo("kafka:9092,kafka-2:9092");
        assertThat(kafka.topics()).containsExactly("leaseledger.leases", "leaseledger.configuration");
        assertThat(kafka.clientId()).isEmpty();
        assertThat(kafka.partitions()).isEqualTo(12);
    }

    @Test
    void everyKafkaKeyIsRead() throws Exception {
        KafkaConfiguration kafka = parse(SERVER + """
                kafka:
                  bootstrap-servers: 127.0.0.1:9092
                  client-id: lab
                  topics: {leases: lab.leases, configuration: lab.config}
                  partitions: 3
                  replication-factor: 1
                  properties: {linger.ms: 5, security.protocol: PLAINTEXT}
                """).kafka().orElseThrow();
        assertThat(kafka).isEqualTo(new KafkaConfiguration(List.of("127.0.0.1:9092"), Optional.of("lab"), "lab.leases",
                "lab.config", 3, Optional.of((short) 1), Map.of("linger.ms", "5", "security.protocol", "PLAINTEXT")));
    }

    @Test
    void aRackOrARegionNeedsKafka() {
        assertThat(errorsOf(SERVER + "node: {role: rack}\n"))
                .containsExactly("kafka: is required when node.role is rack: name the brokers (kafka.bootstrap-servers)");
        assertThat(errorsOf("node: {role: region}\n"))
                .containsExactly("kafka: is required when node.role is region: name the brokers (kafka.bootstrap-servers)");
    }

    @Test
    void aRegionServesNoDhcpSoNeedsNoServerAndTakesNone() throws Exception {
        LeaseLedgerConfiguration region = parse("node: {name: region, role: region}\nkafka: {bootstrap-servers: kafka:9092}\n");
        assertThat(region.node().role().servesDhcp()).isFalse();
        assertThat(errorsOf(SERVER + "node: {role: region}\nkafka: {bootstrap-servers: kafka:9092}\n"))
                .containsExactly("server: a region serves no DHCP: leave 'server' to the racks' files");
    }

    @Test
    void badValuesAreNamed() {
        assertThat(errorsOf(SERVER + "node: {role: leader}\n")).singleElement().asString()
                .startsWith("node.role: ").contains("leader");
        assertThat(errorsOf(SERVER + "kafka: {bootstrap-servers: kafka}\n")).singleElement().asString()
                .startsWith("kafka.bootstrap-servers: ").contains("kafka");
        assertThat(errorsOf(SERVER + "kafka: {bootstrap-servers: 'k:9092', topics: {leases: a/b}}\n"))
                .singleElement().asString().startsWith("kafka.topics.leases: ");
        assertThat(errorsOf(SERVER + "kafka: {bootstrap-servers: 'k:9092', topics: {leases: x, configuration: x}}\n"))
                .containsExactly("kafka.topics.configuration: 'x' is also the leases topic: give each its own");
        assertThat(errorsOf(SERVER + "kafka: {}\n"))
                .containsExactly("kafka.bootstrap-servers: is required: name at least one broker (host:port)");
    }
}
