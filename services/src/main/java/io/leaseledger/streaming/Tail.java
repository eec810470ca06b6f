package io.leaseledger.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaseledger.config.KafkaConfiguration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Follows the topics live, outside any consumer group (nothing committed, nothing to clean up):
 * every partition from its end (or its beginning), the records {@link StreamFilter} lets through
 * printed as lines or JSON, until {@code max} were printed or {@code timeout} passed or stopped.
 */
public final class Tail {

    /**
     * @param fromBeginning start at the oldest record kept rather than at the end
     * @param json          one JSON object per line instead of the readable line
     * @param max           stop after this many records printed
     * @param timeout       stop after this long
     */
    public record Options(StreamFilter filter, boolean fromBeginning, boolean json, Optional<Long> max,
                          Optional<Duration> timeout) {}

    /** What a run did: records printed, records passed over by the filter, records that were not ours. */
    public record Outcome(long printed, long filtered, long foreign) {}

    private Tail() {}

    public static Outcome run(KafkaConfiguration kafka, Options options, PrintStream out, BooleanSupplier stopped) {
        ObjectMapper mapper = new ObjectMapper();
        long printed = 0;
        long filtered = 0;
        long foreign = 0;
        long deadline = options.timeout().map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                KafkaClients.consumer(kafka, "leaseledger-tail-" + UUID.randomUUID().toString().substring(0, 8)))) {
            List<TopicPartition> partitions = partitions(consumer, kafka, deadline);
            consumer.assign(partitions);
            if (options.fromBeginning()) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position); // fix "the end" now, not at the first poll
            }
            while (!stopped.getAsBoolean() && System.nanoTime() < deadline) {
                if (options.max().isPresent() && printed >= options.max().get()) {
                    break;
                }
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(Math.min(200, left)))) {
                    if (options.max().isPresent() && printed >= options.max().get()) {
                        break;
                    }
                    StreamRecord r;
                    try {
                        r = StreamRecord.of(record, mapper);
                    } catch (StreamRecord.NotAnEvent e) {
                        foreign++;
                        continue;
                    }
                    if (!options.filter().matches(r)) {
                        filtered++;
                        continue;
                    }
                    out.println(options.json() ? r.toJson(mapper).toString() : TailFormat.line(r));
                    printed++;
                }
                out.flush();
            }
        }
        return new Outcome(printed, filtered, foreign);
    }

    /** Every partition of both topics; waits (until the deadline) for topics that do not exist yet. */
    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, KafkaConfiguration kafka,
                                                   long deadline) {
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : kafka.topics()) {
            List<PartitionInfo> infos = List.of();
            while (infos.isEmpty()) {
                infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos.isEmpty() && System.nanoTime() >= deadline) {
                    throw new IllegalStateException("topic " + topic + " does not exist on " + kafka.bootstrapServersText());
                }
                if (infos.isEmpty()) {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return out;
                    }
                }
            }
            infos.forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
        }
        return out;
    }
}
