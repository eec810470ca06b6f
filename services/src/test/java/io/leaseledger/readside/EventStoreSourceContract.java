package io.leaseledger.readside;

import io.leaseledger.events.types.AddressRange;
import io.leaseledger.projections.SourcePosition;
import io.leaseledger.projections.StoredEvent;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
