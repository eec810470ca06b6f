package io.leaseledger.streaming;

import io.leaseledger.config.KafkaConfiguration;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Kafka client settings from the {@code kafka:} block. */
public final class KafkaClients {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaClients.class);

    private KafkaClients() {}

    public static String clientId(KafkaConfiguration kafka, String nodeName) {
        return kafka.clientId().orElse("leaseledger-" + nodeName);
    }

    /**
     * The publisher's producer: idempotent, {@code acks=all}, and retrying without a deadline
     * ({@code delivery.timeout.ms} at its maximum): while the broker is away records wait in the
     * producer, in order, rather than expire and leave a hole that later records would overtake.
     * {@code send} blocks at most {@code max.block.ms} (metadata unknown, buffer full) — on the
     * publisher's thread, never the packet path's.
     */
    public static Map<String, Object> producer(KafkaConfiguration kafka, String nodeName) {
        Map<String, Object> p = new HashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServersText());
        p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId(kafka, nodeName));
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // Room for a backlog in few requests: with at most 5 requests in flight, the default 16 KiB
        // batch (~35 of these records per partition) limits what one round trip can carry while
        // the publisher catches up; under a light load batches stay small (linger.ms decides).
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // Small JSON records in small batches: compressing each batch cost more CPU than it saved (measured).
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.putAll(kafka.properties());
        return p;
    }

    /** A consumer outside any group ({@code assign}, no commits): for {@code tail} and tests. */
    public static Map<String, Object> consumer(KafkaConfiguration kafka, String clientId) {
        Map<String, Object> c = new HashMap<>();
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServersText());
        c.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.putAll(kafka.properties());
        return c;
    }

    /**
     * Creates the two topics when they are missing ({@code partitions} each, replication as
     * configured or the broker's default). A refusal is logged, not fatal: the broker may create
     * topics itself, or an operator may have made them.
     */
    public static void ensureTopics(KafkaConfiguration kafka, String nodeName) {
        ensureTopics(kafka, nodeName, kafka.topics(), kafka.partitions());
    }

    /** {@link #ensureTopics(KafkaConfiguration, String)} for {@code names}, {@code partitions} each. */
    public static void ensureTopics(KafkaConfiguration kafka, String nodeName, List<String> names, int partitions) {
        Map<String, Object> a = new HashMap<>();
        a.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServersText());
        a.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId(kafka, nodeName) + "-admin");
        a.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        a.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        a.putAll(kafka.properties());
        try (Admin admin = Admin.create(a)) {
            List<NewTopic> topics = names.stream()
                    .map(t -> new NewTopic(t, Optional.of(partitions), kafka.replicationFactor()))
                    .toList();
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get(15, TimeUnit.SECONDS);
                    LOG.info("created topic {}", result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warn("topic {} not created: {}", result.getKey(), e.getCause().toString());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("topics {} not checked: {}", names, e.toString());
        }
    }
}
