package io.leaseledger.ha;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaseledger.config.HaConfiguration;
import io.leaseledger.config.KafkaConfiguration;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.streaming.KafkaClients;
import io.leaseledger.streaming.SessionLoop;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The pair's heartbeats on their own topic, keyed by node name: every {@code heartbeat-interval}
 * this node's state and whether everything it committed is published; the partner's, as they
 * arrive, to the {@link HaStateMachine}. Only heartbeats sent after this node started are read.
 *
 * <pre>{"node":"rack-a","partner":"rack-b","role":"primary","state":"serving","published":true,
 *  "addresses":["198.18.0.1"],"time":"…"}</pre>
 *
 * {@code addresses} are the node's own (its server identifier, its served interfaces' and bind
 * addresses): the partner does not take this node's replies for another DHCP server's.
 *
 * A broker that cannot be reached stops the heartbeats both ways: the partner stops hearing this
 * node, and this node its partner (the state machine decides what that means).
 */
final class Heartbeats implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConfiguration kafka;
    private final String node;
    private final HaConfiguration ha;
    private final HaStateMachine machine;
    private final BooleanSupplier published;
    private final Supplier<List<Ipv4Address>> addresses;
    private final Clock clock;
    private volatile Set<Ipv4Address> partnerAddresses = Set.of();
    private final ObjectMapper mapper = new ObjectMapper();
    private Thread thread;
    private volatile boolean closed;

    /** @param addresses this node's addresses a client sees its replies come from (announced to the partner) */
    Heartbeats(KafkaConfiguration kafka, String node, HaConfiguration ha, HaStateMachine machine,
               BooleanSupplier published, Supplier<List<Ipv4Address>> addresses, Clock clock) {
        this.addresses = addresses;
        this.kafka = kafka;
        this.node = node;
        this.ha = ha;
        this.machine = machine;
        this.published = published;
        this.clock = clock;
    }

    /** The addresses the partner's latest heartbeat announced (its replies come from them); empty before one. */
    Set<Ipv4Address> partnerAddresses() {
        return partnerAddresses;
    }

    /** Sends and hears; after a failure (Kafka unreachable), again after a pause growing to 5 s. */
    Heartbeats start() {
        thread = SessionLoop.start("leaseledger-ha-heartbeats", "HA heartbeats", Duration.ofMillis(250),
                Duration.ofSeconds(5), () -> closed, this::session, failure -> { });
        return this;
    }

    private void session() {
        KafkaClients.ensureTopics(kafka, node, List.of(ha.heartbeatTopic()), 1);
        Map<String, Object> producerConfig = KafkaClients.producer(kafka, node);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, KafkaClients.clientId(kafka, node) + "-ha-heartbeat");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ha.maxResponseDelay().toMillis() + 10_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig);
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                     KafkaClients.consumer(kafka, KafkaClients.clientId(kafka, node) + "-ha-heartbeats"))) {
            List<PartitionInfo> infos = consumer.partitionsFor(ha.heartbeatTopic(), BROKER_TIMEOUT);
            if (infos.isEmpty()) {
                throw new IllegalStateException("topic " + ha.heartbeatTopic() + " does not exist");
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            long interval = ha.heartbeatInterval().toMillis();
            long nextBeat = 0;
            while (!closed) {
                long now = System.currentTimeMillis();
                if (now >= nextBeat) {
                    producer.send(new ProducerRecord<>(ha.heartbeatTopic(), node, beat()));
                    nextBeat = now + interval;
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(Math.min(250, interval)))) {
                    if (ha.partner().equals(r.key())) {
                        heard(r.value());
                    }
                }
            }
        }
    }

    private byte[] beat() {
        try {
            return mapper.writeValueAsBytes(Map.of("node", node, "partner", ha.partner(), "role", ha.role().configName(),
                    "state", machine.state().wireName(), "published", published.getAsBoolean(),
                    "addresses", addresses.get().stream().map(Ipv4Address::toString).toList(),
                    "time", clock.instant().toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void heard(byte[] value) {
        try {
            JsonNode beat = mapper.readTree(value);
            HaState state = HaState.fromWireName(beat.path("state").asText());
            Set<Ipv4Address> announced = new HashSet<>();
            for (JsonNode address : beat.path("addresses")) {
                announced.add(Ipv4Address.parse(address.asText()));
            }
            boolean wasSilent = machine.partner().map(p -> Duration.between(p.receivedAt(), clock.instant())
                    .compareTo(ha.maxResponseDelay()) >= 0).orElse(true);
            if (wasSilent) {
                LOG.info("HA: partner {} heard ({}, addresses {})", ha.partner(), state.wireName(), announced);
            }
            partnerAddresses = Set.copyOf(announced);
            machine.heartbeat(new HaStateMachine.PartnerHeartbeat(state, beat.path("published").asBoolean(false),
                    clock.instant()));
        } catch (IOException | RuntimeException e) {
            LOG.debug("a heartbeat of {} that does not read: {}", ha.partner(), e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        SessionLoop.join(thread, Duration.ofSeconds(15));
    }
}
