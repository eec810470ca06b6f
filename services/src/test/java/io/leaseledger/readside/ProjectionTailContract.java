package io.leaseledger.readside;

import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.projections.ProjectionRunner;
import io.leaseledger.projections.query.LeaseFilter;
import io.leaseledger.projections.query.PageRequest;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live tail on its own thread follows the store as commands commit, and picks up after a
 * restart. Store and projections on H2 ({@link ProjectionTailOnH2Test}) and on PostgreSQL
 * ({@link ProjectionTailOnPostgresTest}).
 */
abstract class ProjectionTailContract extends ReadSideDatabasesContract {
    static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");


    private ProjectionsConfiguration config() throws Exception {
        return databases.projections(100, java.time.Duration.ofMillis(20));
    }

    /** Waits (bounded: 60 s) until every projection has applied {@code events}. */
    private static void awaitApplied(ReadSide readSide, long events) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (readSide.runners().stream().anyMatch(r -> r.eventsApplied() < events) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void theTailFollowsCommitsAndCarriesOnAfterARestart() throws Exception {
        StoreSettings settings = databases.store().withSnapshots(StoreSettings.Snapshots.DISABLED);
        long events;
        try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class));
             ReadSide readSide = ReadSide.open(config(), store, Clock.systemUTC())) {
            readSide.start();
            LeaseLoad load = new LeaseLoad(store, T0);
            load.define(AddressRange.of("198.18.1.0", "198.18.1.255"));
            assertThat(load.dora(0, 40, 10)).isEqualTo(40);
            events = countEvents(store);
            awaitApplied(readSide, events);
            assertThat(readSide.runners()).allMatch(r -> r.eventsApplied() == events);
            assertThat(readSide.queries().currentLeases(LeaseFilter.any(), PageRequest.first(100)).items()).hasSize(40);
            assertThat(readSide.tail().failing()).isEmpty();
        }
        try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class));
             ReadSide readSide = ReadSide.open(config(), store, Clock.systemUTC())) {
            LeaseLoad load = new LeaseLoad(store, T0.plusSeconds(100));
            load.release(n -> true, 10);   // nothing bound in this new driver: sends no command
            load.dora(100, 10, 10);
            long all = countEvents(store);
            readSide.start();
            awaitApplied(readSide, all);
            // Only the new events were applied after the restart: nothing twice.
            for (ProjectionRunner r : readSide.runners()) {
                assertThat(r.eventsApplied()).isEqualTo(all);
            }
            assertThat(readSide.queries().currentLeases(LeaseFilter.any(), PageRequest.first(100)).items()).hasSize(50);
            assertThat(all).isGreaterThan(events);
        }
    }

    @Test
    void aCommitIsInTheReadModelsWithoutWaitingForThePollInterval() throws Exception {
        StoreSettings settings = databases.store().withSnapshots(StoreSettings.Snapshots.DISABLED);
        ProjectionsConfiguration slowPoll = databases.projections(100, java.time.Duration.ofSeconds(60));
        try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class));
             ReadSide readSide = ReadSide.open(slowPoll, store, Clock.systemUTC())) {
            readSide.start();
            LeaseLoad load = new LeaseLoad(store, T0);
            load.define(AddressRange.of("198.18.1.0", "198.18.1.255"));
            awaitApplied(readSide, countEvents(store));
            Thread.sleep(200);   // the tail is waiting now, a minute from its next poll

            long start = System.nanoTime();
            load.dora(0, 5, 5);
            long events = countEvents(store);
            while (readSide.runners().stream().anyMatch(r -> r.eventsApplied() < events)
                    && System.nanoTime() - start < 20_000_000_000L) {
                Thread.sleep(5);
            }

            assertThat(readSide.runners()).allMatch(r -> r.eventsApplied() == events);
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
                    .as("applied on the commit's signal, not at the next poll a minute later")
                    .isLessThan(java.time.Duration.ofSeconds(20));
        }
    }

    private static long countEvents(AxonStore store) {
        try (var s = store.readEvents(null)) {
            return s.count();
        }
    }
}
