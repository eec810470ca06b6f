package io.leaseledger.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaseledger.config.KafkaConfiguration;
import io.leaseledger.projections.ProjectionRunner;
import io.leaseledger.projections.SourcePosition;
import io.leaseledger.projections.StoredEvent;
import io.leaseledger.readside.FailureStanding;
import io.leaseledger.readside.ReadSideHealth;
import io.leaseledger.store.StoreSerializers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static io.leaseledger.projections.tables.Tables.PROJECTION_SUBNET_POSITION;

/**
 * The region's read side fed from Kafka: both topics, every partition (no consumer group: the
 * position is the projections' own, stored with their rows), each subnet's events put back in
 * sequence order ({@link SubnetOrder}) and applied in batches to every projection, with the
 * Kafka offsets as the source position in the same transaction.
 *
 * <p>The offsets stored never pass an event that is still waiting for an earlier one, so a
 * restart reads it again; what was applied already is passed over by sequence number.
 */
public final class RegionConsumer implements AutoCloseable, ReadSideHealth {
    public static final String SOURCE = "kafka";
    private static final Logger LOG = LoggerFactory.getLogger(RegionConsumer.class);
    /** How long an idle consumer goes without hearing from the broker before it asks. */
    static final long BROKER_CHECK_NANOS = TimeUnit.SECONDS.toNanos(10);
    static final Duration BROKER_CHECK_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConfiguration kafka;
    private final String nodeName;
    private final List<ProjectionRunner> runners;
    private final DSLContext db;
    private final ObjectMapper mapper = StoreSerializers.eventMapper();
    private Thread thread;
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean closed;
    private final FailureStanding standing = new FailureStanding();

    public RegionConsumer(KafkaConfiguration kafka, String nodeName, List<ProjectionRunner> runners, DSLContext db) {
        this.kafka = kafka;
        this.nodeName = nodeName;
        this.runners = List.copyOf(runners);
        this.db = db;
    }

    /** Reads from the stored position; after a failure, again from there after a pause growing to 30 s. */
    public RegionConsumer start() {
        thread = SessionLoop.start("leaseledger-region-consumer", "region consumer", Duration.ofMillis(500),
                Duration.ofSeconds(30), () -> closed, this::session, standing::failed);
        return this;
    }

    /** Events applied (to every projection) since start. */
    public long applied() {
        return applied.get();
    }

    /** Records that were not LeaseLedger events (no CloudEvents headers, unknown type, bad body), counted and skipped. */
    public long refused() {
        return refused.get();
    }

    /**
     * Failing from the first failure (Kafka not reachable, a projection that cannot write) until a
     * batch is applied or the consumer stands at the end of every partition. A broker that goes
     * away while the consumer is idle is noticed within {@link #BROKER_CHECK_NANOS} plus
     * {@link #BROKER_CHECK_TIMEOUT}.
     */
    @Override
    public Optional<Failing> failing() {
        return standing.failing();
    }

    private void session() {
        Map<String, Object> config = KafkaClients.consumer(kafka, KafkaClients.clientId(kafka, nodeName) + "-region");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            // A projection without a position (a reset interrupted by a crash) may still hold rows:
            // it starts again from empty tables, and the whole stream is read for it.
            runners.forEach(ProjectionRunner::resetIfUnpositioned);
            Map<String, Long> stored = storedOffsets();
            for (TopicPartition tp : partitions) {
                Long offset = stored.get(tp.topic() + ":" + tp.partition());
                if (offset == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, offset);
                }
            }
            SubnetOrder order = new SubnetOrder(appliedSequences());
            long lastBrokerAnswer = System.nanoTime();
            while (!closed) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    // An empty poll says nothing about the broker: a consumer whose broker is gone
                    // polls empty too. So an idle consumer asks for the partitions' ends now and
                    // then (a broker that does not answer fails the session: failing), and one that
                    // was failing is healthy again only at the end of every partition (a new
                    // session's first polls come back empty while its fetches start).
                    long now = System.nanoTime();
                    if (standing.isFailing() || now - lastBrokerAnswer >= BROKER_CHECK_NANOS) {
                        boolean atEnd = caughtUp(consumer, partitions);
                        lastBrokerAnswer = now;
                        if (atEnd) {
                            standing.succeeded();
                        }
                    }
                    continue;
                }
                lastBrokerAnswer = System.nanoTime();
                List<StoredEvent> batch = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> r : records) {
                    event(r).ifPresent(e -> batch.addAll(order.offer(new SubnetOrder.Read(e, r.topic(), r.partition(), r.offset()))));
                }
                Map<String, Long> positions = new TreeMap<>();
                for (TopicPartition tp : partitions) {
                    positions.put(tp.topic() + ":" + tp.partition(), consumer.position(tp));
                }
                order.lowestWaitingOffsets().forEach((tp, offset) -> positions.merge(tp, offset, Math::min));
                SourcePosition after = new SourcePosition(SOURCE, encode(positions));
                for (ProjectionRunner runner : runners) {
                    runner.apply(batch, after);
                }
                applied.addAndGet(batch.size());
                standing.succeeded();
            }
        }
    }

    /** Throws (Kafka's TimeoutException) when the broker does not answer within {@link #BROKER_CHECK_TIMEOUT}. */
    private static boolean caughtUp(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, BROKER_CHECK_TIMEOUT);
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.getOrDefault(tp, 0L));
    }

    /** A record as the event it carries; anything else is counted and skipped. */
    private Optional<StoredEvent> event(ConsumerRecord<String, byte[]> r) {
        try {
            StreamRecord record = StreamRecord.of(r, mapper);
            Object payload = record.payload(mapper);
            long sequence = record.sequence().orElseThrow(() -> new IllegalArgumentException("no ce_subnetseq"));
            String subnet = record.subnet().orElseThrow(() -> new IllegalArgumentException("no ce_subnet"));
            Instant time = Instant.parse(record.attributes().get("time"));
            return Optional.of(new StoredEvent(record.id(), subnet, sequence, time, payload));
        } catch (StreamRecord.NotAnEvent | RuntimeException e) {
            refused.incrementAndGet();
            LOG.debug("record {}/{}@{} skipped: {}", r.topic(), r.partition(), r.offset(), e.toString());
            return Optional.empty();
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<TopicPartition> out = new ArrayList<>();
        for (String topic : kafka.topics()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist (yet) on " + kafka.bootstrapServersText());
            }
            infos.forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
        }
        return out;
    }

    /** The least advanced offsets over all projections (a crash between two runners' commits leaves them apart). */
    private Map<String, Long> storedOffsets() {
        Map<String, Long> least = null;
        for (ProjectionRunner runner : runners) {
            Optional<SourcePosition> p = runner.position();
            if (p.isEmpty() || !p.get().source().equals(SOURCE)) {
                return Map.of();
            }
            Map<String, Long> offsets = decode(p.get().token());
            if (least == null) {
                least = offsets;
            } else {
                Map<String, Long> merged = new HashMap<>();
                for (var e : least.entrySet()) {
                    Long other = offsets.get(e.getKey());
                    if (other != null) {
                        merged.put(e.getKey(), Math.min(e.getValue(), other));
                    }
                }
                least = merged;
            }
        }
        return least == null ? Map.of() : least;
    }

    /** The lowest last-applied sequence per subnet over all projections. */
    private Map<String, Long> appliedSequences() {
        Map<String, Long> out = new HashMap<>();
        db.select(PROJECTION_SUBNET_POSITION.SUBNET, PROJECTION_SUBNET_POSITION.LAST_SEQUENCE)
                .from(PROJECTION_SUBNET_POSITION)
                .fetch()
                .forEach(r -> out.merge(r.value1(), r.value2(), Math::min));
        if (out.isEmpty()) {
            return out;
        }
        // A subnet one projection has not seen at all starts from 0 for all.
        long projections = runners.size();
        Map<String, Long> counted = new HashMap<>();
        db.select(PROJECTION_SUBNET_POSITION.SUBNET).from(PROJECTION_SUBNET_POSITION).fetch()
                .forEach(r -> counted.merge(r.value1(), 1L, Long::sum));
        counted.forEach((subnet, n) -> {
            if (n < projections) {
                out.remove(subnet);
            }
        });
        return out;
    }

    static String encode(Map<String, Long> offsets) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(offsets).forEach((tp, offset) -> b.append(b.isEmpty() ? "" : ",").append(tp).append('=').append(offset));
        return b.toString();
    }

    static Map<String, Long> decode(String token) {
        Map<String, Long> out = new HashMap<>();
        if (token.isEmpty()) {
            return out;
        }
        for (String part : token.split(",")) {
            int eq = part.lastIndexOf('=');
            out.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        SessionLoop.join(thread, Duration.ofSeconds(10));
    }
}
