package io.leaseledger.streaming;

import io.leaseledger.store.StoreSettings;
import io.leaseledger.store.testing.EventTableRows;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /**
     * A subnet's late transaction commits while a read is under way, and the subnet's next one
     * right after it: the read must not return the next one before the late one (the publisher
     * would send the subnet's events out of order, and a consumer that drops what is not newer
     * than what it applied would lose the late one). Here both commit between the read's two
     * queries, the order in which a loaded rack once did it.
     */
    @Test
    void aSubnetsNextEventIsNeverReadBeforeItsLateOneThatCommittedDuringTheRead() throws Exception {
        GapAwareTrackingToken afterTwo = reader(100).read(null).token();
        List<EventTableReader.Row> read = new ArrayList<>();
        try (Connection late = rack.store.dataSource().getConnection();
             Connection other = rack.store.dataSource().getConnection()) {
            late.setAutoCommit(false);
            insertCopy(late, 3, 2);                          // the subnet's event 2: not committed yet
            insertCopy(other, 4, 0, "another-subnet");       // committed
            EventTableReader.Batch passedOver = reader(100).read(afterTwo);
            assertThat(passedOver.token().getGaps()).containsExactly(3L);
            read.addAll(passedOver.rows());

            EventTableReader reader = new EventTableReader(onceAfterFirstQuery(() -> {
                late.commit();
                insertCopy(other, 5, 3);                     // the subnet's event 3, after its event 2
            }), rack.store.durableReads(), 100, Duration.ofSeconds(60), nanos::get);
            GapAwareTrackingToken token = passedOver.token();
            for (int i = 0; i < 3; i++) {
                EventTableReader.Batch batch = reader.read(token);
                read.addAll(batch.rows());
                token = batch.token();
            }
        }
        assertThat(read.stream().filter(r -> !r.aggregateId().equals("another-subnet"))
                .map(EventTableReader.Row::sequence).toList()).containsExactly(2L, 3L);
    }

    /** The store's data source, running {@code action} once, right after the first query any of its statements ran. */
    private DataSource onceAfterFirstQuery(SqlAction action) {
        DataSource real = rack.store.dataSource();
        AtomicBoolean done = new AtomicBoolean();
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (cp, cm, cargs) -> {
                                Object r = invoke(cm, connection, cargs);
                                if (!(r instanceof PreparedStatement statement)) {
                                    return r;
                                }
                                return Proxy.newProxyInstance(getClass().getClassLoader(),
                                        new Class<?>[] {PreparedStatement.class}, (sp, sm, sargs) -> {
                                            Object out = invoke(sm, statement, sargs);
                                            if (sm.getName().equals("executeQuery") && done.compareAndSet(false, true)) {
                                                action.run();
                                            }
                                            return out;
                                        });
                            });
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws SQLException;
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
        insertCopy(c, globalIndex, sequence, null);
    }

    /** The same as an event of {@code aggregate} ({@code null}: the RangeAdded's subnet). */
    static void insertCopy(Connection c, long globalIndex, long sequence, String aggregate) throws SQLException {
        EventTableRows.insertCopy(c, 2, globalIndex, aggregate, sequence, null);
    }
}
