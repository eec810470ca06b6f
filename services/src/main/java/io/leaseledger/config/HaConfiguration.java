package io.leaseledger.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code ha:} block: this rack and its partner serve the same subnets as a hot-standby pair
 * (docs/ha.md). Each keeps its own event store; each takes the other's lease events from Kafka
 * into its own log; heartbeats on {@code heartbeatTopic} say who answers.
 *
 * @param role              {@code primary} answers while it lives; {@code standby} answers only once
 *                          the primary is down
 * @param partner           the partner's {@code node.name}: whose events and heartbeats are read
 * @param heartbeatInterval how often this node says its state
 * @param maxResponseDelay  a partner unheard for this long is no longer heard
 * @param maxUnackedClients the standby takes over only once this many different clients have gone
 *                          unanswered for {@code maxAckDelay} while the primary is unheard (0: at once)
 * @param maxAckDelay       a client retrying for this long (its {@code secs} field) is unanswered
 * @param syncTimeout       how long a starting node waits to read its partner's stream to its end
 *                          before it goes on without (Kafka unreachable)
 * @param heartbeatTopic    where both nodes' heartbeats go
 * @param partnerTopic      where the partner publishes its lease events (default: this node's lease
 *                          topic, which a pair shares)
 */
public record HaConfiguration(Role role, String partner, Duration heartbeatInterval, Duration maxResponseDelay,
                              int maxUnackedClients, Duration maxAckDelay, Duration syncTimeout,
                              String heartbeatTopic, String partnerTopic) {

    public static final String DEFAULT_HEARTBEAT_TOPIC = "leaseledger.ha";

    public enum Role {
        PRIMARY, STANDBY;

        static Role fromName(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "primary" -> PRIMARY;
                case "standby" -> STANDBY;
                default -> throw new IllegalArgumentException("primary or standby");
            };
        }

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public HaConfiguration {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(maxResponseDelay, "maxResponseDelay");
        Objects.requireNonNull(maxAckDelay, "maxAckDelay");
        Objects.requireNonNull(syncTimeout, "syncTimeout");
        Objects.requireNonNull(heartbeatTopic, "heartbeatTopic");
        Objects.requireNonNull(partnerTopic, "partnerTopic");
    }

    static HaConfiguration read(YamlNode n, NodeConfiguration node, String leaseTopic) {
        n.requiredText("mode").ifPresent(mode -> {
            if (!mode.equals("hot-standby")) {
                n.error("mode", "'" + mode + "' is not a mode this server has: hot-standby (load-balancing is not built)");
            }
        });
        Role role = n.requiredParsed("role", "primary or standby", Role::fromName).orElse(Role.PRIMARY);
        String partner = n.requiredParsed("partner", "the partner's node.name", NodeConfiguration::nodeName).orElse("?");
        if (partner.equals(node.name())) {
            n.error("partner", "'" + partner + "' is this node's own name (node.name): name the other rack");
        }
        Duration heartbeat = n.duration("heartbeat-interval").orElse(Duration.ofSeconds(1));
        Duration maxResponseDelay = n.duration("max-response-delay").orElse(Duration.ofSeconds(10));
        if (maxResponseDelay.compareTo(heartbeat.multipliedBy(2)) < 0) {
            n.error("max-response-delay", "must be at least twice heartbeat-interval (" + Durations.format(heartbeat)
                    + "), or one late heartbeat looks like a dead partner");
        }
        int unacked = n.integer("max-unacked-clients", 0, 1_000).map(Long::intValue).orElse(10);
        Duration maxAckDelay = n.duration("max-ack-delay").orElse(Duration.ofSeconds(10));
        Duration syncTimeout = n.duration("sync-timeout").orElse(Duration.ofSeconds(60));
        String topic = n.parsed("heartbeat-topic", "a topic name", KafkaConfiguration::topic).orElse(DEFAULT_HEARTBEAT_TOPIC);
        String partnerTopic = n.parsed("partner-topic", "a topic name", KafkaConfiguration::topic).orElse(leaseTopic);
        if (topic.equals(partnerTopic) || topic.equals(leaseTopic)) {
            n.error("heartbeat-topic", "'" + topic + "' carries events: give the heartbeats a topic of their own");
        }
        n.finish();
        return new HaConfiguration(role, partner, heartbeat, maxResponseDelay, unacked, maxAckDelay, syncTimeout, topic,
                partnerTopic);
    }
}
