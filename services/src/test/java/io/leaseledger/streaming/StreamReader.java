package io.leaseledger.streaming;

import io.leaseledger.config.KafkaConfiguration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads both topics from the beginning, as any consumer would, and keeps every record in arrival order. */
final class StreamReader implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Published> records = new ArrayList<>();

    StreamReader(KafkaConfiguration kafka) {
        Map<String, Object> config = KafkaClients.consumer(kafka, "stream-reader");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(config);
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : kafka.topics()) {
            for (int p = 0; p < kafka.partitions(); p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Polls until {@code enough} holds for what was read, or {@code limit} passed; returns everything read. */
    List<Published> readUntil(Predicate<List<Published>> enough, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!enough.test(records) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                records.add(new Published(r.topic(), r.partition(), r.key(), StreamAssertions.headers(r.headers()),
                        new String(r.value(), StandardCharsets.UTF_8)));
            }
        }
        return List.copyOf(records);
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** One record as read. */
    record Published(String topic, int partition, String key, Map<String, String> headers, String body) {
        String id() {
            return headers.get("ce_id");
        }

        String subnet() {
            return headers.get("ce_subnet");
        }

        long sequence() {
            return Long.parseLong(headers.get("ce_subnetseq"));
        }
    }
}
