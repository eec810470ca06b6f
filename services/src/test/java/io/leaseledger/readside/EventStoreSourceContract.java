package io.leaseledger.readside;

import io.leaseledger.events.types.AddressRange;
import io.leaseledger.projections.SourcePosition;
import io.leaseledger.projections.StoredEvent;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.store.testing.EventTableRows;
import io.leaseledger.subnet.Subnet;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebuild's reader ({@link EventStoreSource#readAll}: the event table read directly) hands
 * over what Axon's {@code readEvents} path hands over: the same events, payloads, batches and
 * positions. On H2 ({@link EventStoreSourceOnH2Test}) and on PostgreSQL
 * ({@link EventStoreSourceOnPostgresTest}).
 */
abstract class EventStoreSourceContract extends ReadSideDatabasesContract {
    private record Read(List<List<StoredEvent>> batches, List<SourcePosition> positions, long count) {
    }

    @Test
    void readingTheTableDirectlyGivesWhatAxonsReaderGives() throws Exception {
        StoreSettings settings = databases.store().withSnapshots(new StoreSettings.Snapshots(true, 50, 1.0, 1));
        try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class))) {
            LeaseLoad load = new LeaseLoad(store, Instant.parse("2026-11-24T14:00:00Z"));
            load.define(AddressRange.of("198.18.1.0", "198.18.1.255"));
            load.dora(0, 120, 25);
            load.tick(300);
            load.renew(n -> n % 2 == 0, 40);
            load.release(n -> n % 5 == 1, 40);
            load.decline(n -> n % 30 == 7, 10);
            load.reclaimAfter(700);
            load.dora(1_000, 200, 30);

            EventStoreSource source = new EventStoreSource(store);
            for (int batchSize : new int[] {1, 7, 100, 100_000}) {
                Read axon = read((b, p) -> source.readAfter(Optional.empty(), b, p), batchSize);
                Read direct = read((b, p) -> source.readAll(b, p), batchSize);
                assertThat(direct.count()).isEqualTo(axon.count()).isGreaterThan(500);
                assertThat(direct.positions()).isEqualTo(axon.positions());
                assertThat(direct.batches()).isEqualTo(axon.batches());
            }
        }
    }

    /**
     * A subnet's transaction commits late, below an event of another subnet the rebuild already
     * read, and the subnet's next transaction right after it, while the rebuild reads: the next
     * one must not be handed over before the late one (the projections would apply a renewal
     * before its grant, or the tail the grant after its release). Here both commit between two
     * pages of the read.
     */
    @Test
    void aSubnetsEventIsNeverHandedOverBeforeItsEarlierOneThatCommittedLateDuringTheRead() throws Exception {
        try (AxonStore store = AxonStore.start(databases.store(), List.of(Subnet.class))) {
            new LeaseLoad(store, Instant.now()).define(AddressRange.of("198.18.1.10", "198.18.1.250"));
            long head;
            long next;
            String subnet;
            try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT MAX(globalIndex), MAX(sequenceNumber), MIN(aggregateIdentifier) "
                         + "FROM domainevententry")) {
                r.next();
                head = r.getLong(1);
                next = r.getLong(2) + 1;
                subnet = r.getString(3);
            }
            List<StoredEvent> read = new ArrayList<>();
            try (Connection late = store.dataSource().getConnection();
                 Connection other = store.dataSource().getConnection()) {
                late.setAutoCommit(false);
                copyFirstEvent(late, head + 1, subnet, next);           // not committed yet
                copyFirstEvent(other, head + 2, "another-subnet", 0);   // committed: the first page ends here
                new EventStoreSource(store).readAll(1, (int) head + 1, (batch, after) -> {
                    read.addAll(batch);
                    if (batch.getFirst().subnet().equals("another-subnet")) {
                        try {
                            late.commit();
                            copyFirstEvent(other, head + 3, subnet, next + 1);
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                });
            }
            assertThat(read.stream().filter(e -> e.subnet().equals(subnet)).map(StoredEvent::sequenceNumber).toList())
                    .containsExactlyElementsOf(LongStream.rangeClosed(0, next + 1).boxed().toList());
        }
    }

    /** The store's first event (its subnet defined) again, as {@code aggregate}'s event {@code sequence}, stamped now. */
    private static void copyFirstEvent(Connection c, long globalIndex, String aggregate, long sequence) throws SQLException {
        EventTableRows.insertCopy(c, 1, globalIndex, aggregate, sequence, Instant.now());
    }

    private interface Reader {
        long read(int batchSize, java.util.function.BiConsumer<List<StoredEvent>, SourcePosition> batches);
    }

    private static Read read(Reader reader, int batchSize) {
        List<List<StoredEvent>> batches = new ArrayList<>();
        List<SourcePosition> positions = new ArrayList<>();
        long count = reader.read(batchSize, (batch, after) -> {
            batches.add(batch);
            positions.add(after);
        });
        return new Read(batches, positions, count);
    }
}
