package io.leaseledger.streaming;

import io.leaseledger.store.StoreSettings;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The publisher's batch reads of the event table: in global order, at most a batch above the
 * token; an index passed over because its transaction had not committed is read once it has
 * (never skipped), and only an index empty for the whole gap timeout is given up. On H2 and
 * on PostgreSQL: {@link EventTableReaderOnH2Test}, {@link EventTableReaderOnPostgresTest}.
 */
abstract class EventTableReaderContract {
    private Rack rack;
    private final AtomicLong nanos = new AtomicLong();

    /** The store's database, empty. */
    abstract StoreSettings settings() throws Exception;

    @BeforeEach
    void start() throws Exception {
        rack = new Rack(settings()).withSubnets(1); // SubnetDefined at 1, RangeAdded at 2
    }

    /** After the store closed (drops a PostgreSQL schema). */
    void cleanUp() throws Exception {}

    @AfterEach
    void stop() throws Exception {
        rack.close();
        cleanUp();
    }

    private EventTableReader reader(int batchSize) {
        return new EventTableReader(rack.store.dataSource(), rack.store.durableReads(), batchSize, Duration.ofSeconds(60), nanos::get);
    }

    @Test
    void readsInGlobalOrderAtMostABatchAtATime() throws Exception {
        try (Connection c = rack.store.dataSource().getConnection()) {
            for (long i = 3; i <= 7; i++) {
                insertCopy(c, i, i - 1);
            }
        }
        EventTableReader reader = reader(3);

        EventTableReader.Batch first = reader.read(null);
        assertThat(indexes(first)).containsExactly(1L, 2L, 3L);
        assertThat(first.token()).isEqualTo(GapAwareTrackingToken.newInstance(3, List.of()));
        EventTableReader.Batch second = reader.read(first.token());
        assertThat(indexes(second)).containsExactly(4L, 5L, 6L);
        EventTableReader.Batch third = reader.read(second.token());
        assertThat(indexes(third)).containsExactly(7L);
        EventTableReader.Batch none = reader.read(third.token());
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.token()).isEqualTo(third.token());
        assertThat(first.rows().getFirst().payloadType()).isEqualTo("io.leaseledger.events.subnet.SubnetDefined");
    }

    @Test
    void anIndexWhoseTransactionCommitsLateIsReadWhenItCommits() throws Exception {
        EventTableReader reader = reader(100);
        GapAwareTrackingToken afterTwo = reader.read(null).token();
        try (Connection late = rack.store.dataSource().getConnection();
             Connection other = rack.store.dataSource().getConnection()) {
            late.setAutoCommit(false);
            insertCopy(late, 3, 2);          // not committed yet
            insertCopy(other, 4, 3);         // committed

            EventTableReader.Batch passedOver = reader.read(afterTwo);
            assertThat(indexes(passedOver)).containsExactly(4L);
            assertThat(passedOver.token().getIndex()).isEqualTo(4);
            assertThat(passedOver.token().getGaps()).containsExactly(3L);
            // Still open: still a gap, however often it is read.
            assertThat(reader.read(passedOver.token()).token()).isEqualTo(passedOver.token());

            late.commit();
            late.setAutoCommit(true);
            insertCopy(other, 5, 4);
            EventTableReader.Batch filled = reader.read(passedOver.token());
            assertThat(indexes(filled)).containsExactly(3L, 5L);
            assertThat(filled.token()).isEqualTo(GapAwareTrackingToken.newInstance(5, List.of()));
        }
    }

    @Test
    void anIndexEmptyForTheWholeGapTimeoutIsGivenUpAndNothingElse() throws Exception {
        EventTableReader reader = reader(100);
        GapAwareTrackingToken afterTwo = reader.read(null).token();
        try (Connection c = rack.store.dataSource().getConnection()) {
            insertCopy(c, 4, 3); // 3 never comes (a rolled-back transaction)
        }
        EventTableReader.Batch withGap = reader.read(afterTwo);
        assertThat(withGap.token().getGaps()).containsExactly(3L);

        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(reader.read(withGap.token()).token().getGaps()).containsExactly(3L);

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        EventTableReader.Batch givenUp = reader.read(withGap.token());
        assertThat(givenUp.isEmpty()).isTrue();
        assertThat(givenUp.token()).isEqualTo(GapAwareTrackingToken.newInstance(4, List.of()));
        assertThat(reader.gapsWatched()).isZero();
    }

    private static List<Long> indexes(EventTableReader.Batch batch) {
        return batch.rows().stream().map(EventTableReader.Row::globalIndex).toList();
    }

    /** A copy of the RangeAdded event (index 2) at {@code globalIndex}, as sequence {@code sequence} of its subnet. */
    static void insertCopy(Connection c, long globalIndex, long sequence) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO domainevententry (globalIndex, aggregateIdentifier, "
                + "sequenceNumber, type, eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp) "
                + "SELECT ?, aggregateIdentifier, ?, type, ?, metaData, payload, payloadRevision, payloadType, timeStamp "
                + "FROM domainevententry WHERE globalIndex = 2")) {
            s.setLong(1, globalIndex);
            s.setLong(2, sequence);
            s.setString(3, UUID.randomUUID().toString());
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
