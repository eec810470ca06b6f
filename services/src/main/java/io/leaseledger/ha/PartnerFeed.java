package io.leaseledger.ha;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaseledger.config.HaConfiguration;
import io.leaseledger.config.KafkaConfiguration;
import io.leaseledger.events.subnet.PartnerEvent;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.groupcommit.SubnetWork;
import io.leaseledger.store.StoreSerializers;
import io.leaseledger.streaming.CloudEventRecords;
import io.leaseledger.streaming.KafkaClients;
import io.leaseledger.streaming.SessionLoop;
import io.leaseledger.streaming.StreamRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Takes the HA partner's lease events from its stream into this node's subnets: every partition
 * of the partner's topic (no consumer group: the position is {@link PartnerPosition}, in this
 * node's store), the records the partner published as their source and decided itself (no
 * {@code ce_origin}: what it took from this node is passed over), grouped per subnet in stream
 * order and sent through each subnet's mailbox as one {@code ReplicatePartnerEvents}, serialised
 * with the packets. The position is saved once they committed.
 *
 * <p>Whenever it stands at the end of every partition with everything before applied, it tells
 * the {@link HaStateMachine}: a starting node answers nobody until then.
 */
final class PartnerFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);
    private static final long REPLICATE_TIMEOUT_SECONDS = 60;

    private final KafkaConfiguration kafka;
    private final String node;
    private final HaConfiguration ha;
    private final String partnerSource;
    private final SubnetGateway gateway;
    private final Predicate<SubnetId> served;
    private final PartnerPosition position;
    private final HaStateMachine machine;
    private final Clock clock;
    private final ObjectMapper mapper = StoreSerializers.eventMapper();
    private Thread thread;
    private final AtomicLong taken = new AtomicLong();
    private final AtomicLong passedOver = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile Instant lastEventAt;
    private volatile boolean closed;

    /** @param served whether this node serves a subnet: the partner's events of any other are passed over */
    PartnerFeed(KafkaConfiguration kafka, String node, HaConfiguration ha, SubnetGateway gateway,
                Predicate<SubnetId> served, PartnerPosition position, HaStateMachine machine, Clock clock) {
        this.served = served;
        this.kafka = kafka;
        this.node = node;
        this.ha = ha;
        this.partnerSource = CloudEventRecords.sourceOf(ha.partner());
        this.gateway = gateway;
        this.position = position;
        this.machine = machine;
        this.clock = clock;
    }

    /** Reads from the stored position; after a failure, again from there after a pause growing to 10 s. */
    PartnerFeed start() {
        thread = SessionLoop.start("leaseledger-ha-partner-feed", "reading partner " + ha.partner() + "'s stream",
                Duration.ofMillis(250), Duration.ofSeconds(10), () -> closed, this::session, failure -> { });
        return this;
    }

    /** The partner's events the subnets took into this log since start. */
    long taken() {
        return taken.get();
    }

    /** The partner's events the subnets passed over (already here, stale, or not replicated) since start. */
    long passedOver() {
        return passedOver.get();
    }

    /** Records of the partner that were not events we can read, counted and skipped. */
    long refused() {
        return refused.get();
    }

    /** The decision time of the partner's latest event read: what this node knew of its partner. */
    Optional<Instant> lastEventAt() {
        return Optional.ofNullable(lastEventAt);
    }

    private void session() {
        Map<String, Object> config = KafkaClients.consumer(kafka, KafkaClients.clientId(kafka, node) + "-ha-partner");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            Map<String, Long> stored = position.load();
            for (TopicPartition tp : partitions) {
                Long offset = stored.get(key(tp));
                if (offset == null) {
                    consumer.seekToBeginning(List.of(tp));
                } else {
                    consumer.seek(tp, offset);
                }
            }
            while (!closed) {
                // Taken before the ends are asked for: a heartbeat received before it speaks of
                // records the ends include.
                Instant asked = clock.instant();
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    if (atEnd(consumer, partitions)) {
                        machine.caughtUp(asked);
                    }
                    continue;
                }
                apply(records);
                Map<String, Long> next = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    next.put(key(tp), consumer.position(tp));
                }
                position.save(next);
            }
        }
    }

    /** Every subnet's share of the records, in stream order, each committed before this returns. */
    private void apply(ConsumerRecords<String, byte[]> records) {
        Map<SubnetId, List<PartnerEvent>> bySubnet = new LinkedHashMap<>();
        int read = 0;
        for (ConsumerRecord<String, byte[]> r : records) {
            Optional<PartnerEvent> event = partnerEvent(r);
            if (event.isEmpty()) {
                continue;
            }
            SubnetId subnet = event.get().event().subnetId();
            if (served.test(subnet)) {
                bySubnet.computeIfAbsent(subnet, s -> new ArrayList<>()).add(event.get());
            } else {
                read++; // a subnet only the partner serves: nothing here to take it
            }
        }
        List<CompletableFuture<Integer>> sent = new ArrayList<>();
        for (var e : bySubnet.entrySet()) {
            read += e.getValue().size();
            sent.add(gateway.replicate(e.getKey(), new SubnetWork.Replicate(ha.partner(), e.getValue())));
        }
        int applied = 0;
        for (CompletableFuture<Integer> f : sent) {
            try {
                applied += f.get(REPLICATE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the partner's events were applied", e);
            } catch (Exception e) {
                throw new IllegalStateException("the partner's events could not be applied: " + e, e);
            }
        }
        taken.addAndGet(applied);
        passedOver.addAndGet(read - applied);
    }

    /** A record of the partner's own decisions as the event it carries; anything else is passed over. */
    private Optional<PartnerEvent> partnerEvent(ConsumerRecord<String, byte[]> r) {
        StreamRecord record;
        try {
            record = StreamRecord.of(r, mapper);
        } catch (StreamRecord.NotAnEvent e) {
            refused.incrementAndGet();
            return Optional.empty();
        }
        if (!record.source().orElse("").equals(partnerSource) || record.origin().isPresent()) {
            return Optional.empty();
        }
        try {
            Object payload = record.payload(mapper);
            long sequence = record.sequence().orElseThrow(() -> new IllegalArgumentException("no ce_subnetseq"));
            if (!(payload instanceof SubnetEvent event)) {
                throw new IllegalArgumentException("not a subnet event");
            }
            lastEventAt = event.at();
            return Optional.of(new PartnerEvent(sequence, event));
        } catch (StreamRecord.NotAnEvent | RuntimeException e) {
            refused.incrementAndGet();
            LOG.debug("partner record {}/{}@{} skipped: {}", r.topic(), r.partition(), r.offset(), e.toString());
            return Optional.empty();
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(ha.partnerTopic(), BROKER_TIMEOUT);
        if (infos.isEmpty()) {
            // A pair's first start: neither has published yet. An empty topic is read to its end at once.
            KafkaClients.ensureTopics(kafka, node, List.of(ha.partnerTopic()), kafka.partitions());
            infos = consumer.partitionsFor(ha.partnerTopic(), BROKER_TIMEOUT);
        }
        if (infos.isEmpty()) {
            throw new IllegalStateException("topic " + ha.partnerTopic() + " does not exist (yet) on "
                    + kafka.bootstrapServersText());
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private static boolean atEnd(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, BROKER_TIMEOUT);
        return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.getOrDefault(tp, 0L));
    }

    private static String key(TopicPartition tp) {
        return tp.topic() + ":" + tp.partition();
    }

    @Override
    public void close() {
        closed = true;
        SessionLoop.join(thread, Duration.ofSeconds(15));
    }
}
