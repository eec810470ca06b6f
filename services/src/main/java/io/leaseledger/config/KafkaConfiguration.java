package io.leaseledger.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code kafka:} block: where the event stream goes (rack, all) or comes from (region, tail).
 *
 * @param bootstrapServers  {@code host:port} of one or more brokers
 * @param clientId          the Kafka client id; default {@code leaseledger-<node name>}
 * @param leaseTopic        lease lifecycle and pool events ({@code leaseledger.leases})
 * @param configurationTopic subnet configuration events ({@code leaseledger.configuration})
 * @param partitions        partitions of a topic the publisher creates when it is missing
 * @param replicationFactor replication of such a topic; empty: the broker's default
 * @param properties        extra Kafka client properties, passed as they are (security, tuning)
 */
public record KafkaConfiguration(
        List<String> bootstrapServers,
        Optional<String> clientId,
        String leaseTopic,
        String configurationTopic,
        int partitions,
        Optional<Short> replicationFactor,
        Map<String, String> properties) {

    public static final String DEFAULT_LEASE_TOPIC = "leaseledger.leases";
    public static final String DEFAULT_CONFIGURATION_TOPIC = "leaseledger.configuration";
    public static final int DEFAULT_PARTITIONS = 12;

    public KafkaConfiguration {
        bootstrapServers = List.copyOf(bootstrapServers);
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(leaseTopic, "leaseTopic");
        Objects.requireNonNull(configurationTopic, "configurationTopic");
        Objects.requireNonNull(replicationFactor, "replicationFactor");
        properties = Map.copyOf(properties);
    }

    /** Default topics and settings for these brokers. */
    public static KafkaConfiguration of(String bootstrapServers) {
        return new KafkaConfiguration(List.of(bootstrapServers.split(",")), Optional.empty(), DEFAULT_LEASE_TOPIC,
                DEFAULT_CONFIGURATION_TOPIC, DEFAULT_PARTITIONS, Optional.empty(), Map.of());
    }

    public String bootstrapServersText() {
        return String.join(",", bootstrapServers);
    }

    public List<String> topics() {
        return List.of(leaseTopic, configurationTopic);
    }

    static KafkaConfiguration read(YamlNode n) {
        List<String> servers = n.parsedList("bootstrap-servers", "a broker address (host:port)", KafkaConfiguration::hostPort);
        if (servers.isEmpty() && !n.has("bootstrap-servers")) {
            n.error("bootstrap-servers", "is required: name at least one broker (host:port)");
        }
        Optional<String> clientId = n.parsed("client-id", "a client id (letters, digits, '.', '_' and '-')",
                NodeConfiguration::nodeName);
        String leases = DEFAULT_LEASE_TOPIC;
        String configuration = DEFAULT_CONFIGURATION_TOPIC;
        Optional<YamlNode> topics = n.object("topics");
        if (topics.isPresent()) {
            YamlNode t = topics.get();
            leases = t.parsed("leases", "a topic name", KafkaConfiguration::topic).orElse(DEFAULT_LEASE_TOPIC);
            configuration = t.parsed("configuration", "a topic name", KafkaConfiguration::topic)
                    .orElse(DEFAULT_CONFIGURATION_TOPIC);
            if (leases.equals(configuration)) {
                t.error("configuration", "'" + configuration + "' is also the leases topic: give each its own");
            }
            t.finish();
        }
        int partitions = n.integer("partitions", 1, 10_000).map(Long::intValue).orElse(DEFAULT_PARTITIONS);
        Optional<Short> replication = n.integer("replication-factor", 1, Short.MAX_VALUE).map(Long::shortValue);
        Map<String, String> properties = new LinkedHashMap<>();
        // Free-form keys (Kafka's own names): passed through, so not checked key by key.
        n.raw("properties").ifPresent(p -> {
            if (!p.isObject()) {
                n.error("properties", "must be a mapping of Kafka client properties, found " + YamlNode.describe(p));
                return;
            }
            p.properties().forEach(e -> {
                if (e.getValue().isContainerNode()) {
                    n.error("properties." + e.getKey(), "must be a single value, found " + YamlNode.describe(e.getValue()));
                } else {
                    properties.put(e.getKey(), e.getValue().asText());
                }
            });
        });
        n.finish();
        return new KafkaConfiguration(servers, clientId, leases, configuration, partitions, replication, properties);
    }

    /** Kafka's legal topic names: [a-zA-Z0-9._-], 1 to 249 characters. */
    static String topic(String s) {
        if (s.isEmpty() || s.length() > 249 || s.equals(".") || s.equals("..")
                || !s.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-')) {
            throw new IllegalArgumentException("[a-zA-Z0-9._-], 1 to 249 characters");
        }
        return s;
    }

    static String hostPort(String s) {
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException("host:port");
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("host:port, the port a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("host:port, the port 1..65535");
        }
        return s;
    }
}
