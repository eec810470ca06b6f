package io.leaseledger.streaming;

import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Delivery;
import io.leaseledger.events.types.TransactionId;
import io.leaseledger.store.StoreSerializers;
import io.leaseledger.store.testing.EventTableRows;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher's read and send loop against Kafka's {@link MockProducer} (acknowledgements in the
 * test's hands): it reads what is committed in batches, reads again when this process commits
 * (whatever the poll), polls for commits made elsewhere, and moves its stored position over a
 * batch only when every record of it, and of every batch before, was acknowledged — so what a
 * restart or a refused record sends again starts right after the last whole acknowledged batch.
 */
class KafkaPublisherBatchingTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration NEVER = Duration.ofHours(1);

    @TempDir
    Path dir;

    private Rack rack;
    private final List<MockProducer<String, byte[]>> producers = new CopyOnWriteArrayList<>();
    private final List<KafkaPublisher> publishers = new ArrayList<>();

    @AfterEach
    void stop() {
        publishers.forEach(KafkaPublisher::close);
        if (rack != null) {
            rack.close();
        }
    }

    private PublisherPosition position() {
        return new PublisherPosition(rack.store.dataSource(), "test");
    }

    /** A started publisher whose producers are mock producers (completing sends at once when {@code autoComplete}). */
    private KafkaPublisher publisher(int batchSize, boolean autoComplete, Duration poll) {
        CloudEventRecords records = new CloudEventRecords(CloudEventRecords.sourceOf("rack-1"), "leases", "configuration",
                StoreSerializers.eventMapper(), rack.store.configuration().eventSerializer());
        KafkaPublisher publisher = new KafkaPublisher(new EventTableReader(rack.store.dataSource(), rack.store.durableReads(), batchSize),
                rack.store.transactionManager().commitSignal(), position(), records, () -> {
                    MockProducer<String, byte[]> p = new MockProducer<>(autoComplete, null, new StringSerializer(),
                            new ByteArraySerializer());
                    producers.add(p);
                    return p;
                }, () -> { }, 20_000, poll);
        publishers.add(publisher);
        publisher.startThread();
        return publisher;
    }

    @Test
    void oneReadTakesWhatIsCommittedAndACommitInThisProcessIsReadWithoutWaitingForThePoll() throws Exception {
        rack = new Rack(dir).withSubnets(2); // four events
        KafkaPublisher publisher = publisher(1_000, true, NEVER);
        await(() -> sentBy(0).size() == 4);
        assertThat(publisher.batchesRead()).isEqualTo(1);

        // The publisher now waits for a commit, with a poll of an hour: only the commit's signal wakes it.
        ClientMessage discover = ClientMessage.discover(Rack.client(1), TransactionId.of(1), Rack.SERVER, null,
                Delivery.BROADCAST);
        rack.gateway.decide(rack.subnets.getFirst(), discover).get(30, TimeUnit.SECONDS);
        await(() -> sentBy(0).size() == 5);
        assertThat(ids(sentBy(0))).containsExactlyElementsOf(rack.storedEvents().keySet());
        assertThat(StreamAssertions.headers(sentBy(0).get(4).headers())).containsEntry("ce_type", "io.leaseledger.LeaseOffered.v1");
    }

    @Test
    void aCommitMadeElsewhereIsReadByThePoll() throws Exception {
        rack = new Rack(dir).withSubnets(1);
        publisher(1_000, true, Duration.ofMillis(50));
        await(() -> sentBy(0).size() == 2);

        // Not through this process's transactions (another writer on the same database): no signal.
        try (Connection c = rack.store.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO domainevententry (aggregateIdentifier, sequenceNumber, "
                     + "type, eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp) "
                     + "SELECT aggregateIdentifier, 2, type, ?, metaData, payload, payloadRevision, payloadType, timeStamp "
                     + "FROM domainevententry WHERE sequenceNumber = 1")) {
            s.setString(1, UUID.randomUUID().toString());
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        await(() -> sentBy(0).size() == 3);
        assertThat(ids(sentBy(0))).containsExactlyElementsOf(rack.storedEvents().keySet());
    }

    @Test
    void thePositionMovesOverABatchOnlyOnceEveryRecordOfItWasAcknowledged() throws Exception {
        rack = new Rack(dir).withSubnets(2); // events at 1..4; batches of 3: [1, 2, 3] and [4]
        List<String> stored = new ArrayList<>(rack.storedEvents().keySet());

        KafkaPublisher first = publisher(3, false, Duration.ofMillis(50));
        await(() -> sentBy(0).size() == 4);
        producers.get(0).completeNext();
        producers.get(0).completeNext();
        await(() -> first.status().acknowledged() == 2);
        first.close();
        assertThat(position().load()).as("no batch acknowledged whole").isEmpty();

        // Sent again from the start; this time the first batch is acknowledged whole, the second not.
        KafkaPublisher second = publisher(3, false, Duration.ofMillis(50));
        await(() -> sentBy(1).size() == 4);
        assertThat(ids(sentBy(1))).containsExactlyElementsOf(stored);
        for (int i = 0; i < 3; i++) {
            producers.get(1).completeNext();
        }
        await(() -> second.status().acknowledged() == 3);
        second.close();
        assertThat(position().load()).hasValueSatisfying(p -> {
            assertThat(p.token()).isEqualTo(GapAwareTrackingToken.newInstance(3, List.of()));
            assertThat(p.published()).isEqualTo(3);
        });

        // Only what follows the position is sent again.
        KafkaPublisher third = publisher(3, true, Duration.ofMillis(50));
        await(() -> sentBy(2).size() == 1);
        assertThat(ids(sentBy(2))).containsExactly(stored.get(3));
        await(() -> third.status().position() == 4);
    }

    @Test
    void aRecordTheBrokerRefusesEndsTheSessionAndTheNextSendsAgainFromTheLastWholeBatch() throws Exception {
        rack = new Rack(dir).withSubnets(2); // batches of 2: [1, 2] and [3, 4]
        List<String> stored = new ArrayList<>(rack.storedEvents().keySet());
        KafkaPublisher publisher = publisher(2, false, Duration.ofMillis(50));
        await(() -> sentBy(0).size() == 4);
        producers.get(0).completeNext();
        producers.get(0).completeNext();
        producers.get(0).errorNext(new org.apache.kafka.common.errors.AuthorizationException("refused"));

        // A new producer after the pause, from the position after the first batch.
        await(() -> producers.size() == 2 && sentBy(1).size() >= 2);
        assertThat(ids(sentBy(1))).startsWith(stored.get(2), stored.get(3));
        producers.get(1).completeNext();
        producers.get(1).completeNext();
        await(() -> publisher.status().position() == 4);
        assertThat(publisher.status().acknowledged()).isEqualTo(4);
    }

    @Test
    void aSubnetsEventReadBeforeAnEarlierOneOfItsOwnIsCountedAndStillSent() throws Exception {
        rack = new Rack(dir).withSubnets(1); // the subnet's events 0 and 1 at global indexes 1 and 2
        KafkaPublisher publisher = publisher(1_000, true, Duration.ofMillis(50));
        await(() -> sentBy(0).size() == 2);
        assertThat(publisher.outOfOrder()).isZero();

        // What a reader that broke the order would read: the subnet's event 3 at a lower global index than its 2.
        String subnet = rack.storedEvents().values().iterator().next().subnet();
        try (Connection c = rack.store.dataSource().getConnection()) {
            EventTableRows.insertCopy(c, 2, 10, subnet, 3, null);
            EventTableRows.insertCopy(c, 2, 11, subnet, 2, null);
        }
        await(() -> sentBy(0).size() == 4);
        assertThat(publisher.outOfOrder()).as("3 after 1, then 2 after 3").isEqualTo(2);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PublisherMetrics.bind(publisher, registry);
        assertThat(registry.get("leaseledger.publish.out.of.order").functionCounter().count()).isEqualTo(2.0);
    }

    private List<ProducerRecord<String, byte[]>> sentBy(int producer) {
        return producers.size() > producer ? producers.get(producer).history() : List.of();
    }

    private static List<String> ids(List<ProducerRecord<String, byte[]>> records) {
        return records.stream().map(r -> new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)).toList();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", PATIENCE).isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
