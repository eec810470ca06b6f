package io.leaseledger.store;

import io.leaseledger.store.testing.Databases;
import io.leaseledger.store.testing.Ledger;
import io.leaseledger.store.testing.LedgerCommands;
import io.leaseledger.store.testing.LedgerCommands.Count;
import io.leaseledger.store.testing.LedgerCommands.Record;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static io.leaseledger.store.testing.LedgerCommands.POISON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the event store guarantees, on every database it supports. */
abstract class AxonStoreContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A fresh, empty database for each test. */
    abstract StoreSettings settings() throws Exception;

    private AxonStore start(StoreSettings settings) {
        return AxonStore.start(settings, List.of(Ledger.class));
    }

    @Test
    void eventsAreCommittedWhenTheCommandReturns() throws Exception {
        StoreSettings settings = settings();
        try (AxonStore store = start(settings)) {
            int size = store.commandGateway().sendAndWait(new Record("l1", List.of("a", "b", "c"), T0));

            assertThat(size).isEqualTo(3);
            // Read on a connection of our own: the store's transaction must already be committed.
            assertThat(Databases.committedEvents(settings, "l1")).isEqualTo(3);
        }
    }

    @Test
    void theNewestEventTimeIsWhenTheLastEventWasStored() throws Exception {
        try (AxonStore store = start(settings())) {
            assertThat(store.newestEventTime()).as("an empty store").isEmpty();
            Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            store.commandGateway().sendAndWait(new Record("l1", List.of("a"), T0));
            store.commandGateway().sendAndWait(new Record("l2", List.of("b"), T0));
            Instant after = Instant.now();
            // Axon dates an event when it is made (its own clock, the system's), not with the command's time.
            assertThat(store.newestEventTime()).hasValueSatisfying(t -> assertThat(t).isBetween(before, after));
        }
    }

    @Test
    void aRecentOnlyTypeIsReadOnlyWhenStoredAtOrAfterTheGivenTime() throws Exception {
        try (AxonStore store = start(settings())) {
            Instant before = Instant.now().minusSeconds(60);
            store.commandGateway().sendAndWait(new Record("l1", List.of("a", "b"), T0));
            Instant after = Instant.now().plusSeconds(60);
            List<Class<?>> recent = List.of(LedgerCommands.EntryRecorded.class);

            List<Object> sinceBefore = new java.util.ArrayList<>();
            store.replayExcept(List.of(), recent, before, sinceBefore::add);
            List<Object> sinceAfter = new java.util.ArrayList<>();
            store.replayExcept(List.of(), recent, after, sinceAfter::add);
            List<Object> notRecentOnly = new java.util.ArrayList<>();
            store.replayExcept(List.of(), List.of(), after, notRecentOnly::add);

            assertThat(sinceBefore).hasSize(2);
            assertThat(sinceAfter).as("stored before the time").isEmpty();
            assertThat(notRecentOnly).as("the time bounds only the recent-only types").hasSize(2);
        }
    }

    @Test
    void aRestartedStoreSeesTheSameAggregateState() throws Exception {
        StoreSettings settings = settings().withSnapshots(StoreSettings.Snapshots.DISABLED);
        try (AxonStore store = start(settings)) {
            store.commandGateway().sendAndWait(new Record("l1", List.of("a", "b"), T0));
            store.commandGateway().sendAndWait(new Record("l1", List.of("c"), T0.plusSeconds(1)));
        }
        try (AxonStore store = start(settings)) {
            int size = store.commandGateway().sendAndWait(new Count("l1"));
            assertThat(size).isEqualTo(3);
            Ledger ledger = loadedLedger(store, "l1");
            assertThat(ledger.entries()).containsEntry("c", T0.plusSeconds(1)).containsKeys("a", "b");
        }
    }

    @Test
    void aFailedCommandCommitsNothingAndLeavesNoStateInTheCache() throws Exception {
        StoreSettings settings = settings();
        try (AxonStore store = start(settings)) {
            store.commandGateway().sendAndWait(new Record("l1", List.of("a"), T0));

            assertThatThrownBy(() -> store.commandGateway().sendAndWait(new Record("l1", List.of("b", POISON), T0)))
                    .hasMessageContaining("poisoned");

            assertThat(Databases.committedEvents(settings, "l1")).isEqualTo(1);
            // The cached aggregate had "b" applied in memory; the rollback must have evicted it.
            int size = store.commandGateway().sendAndWait(new Count("l1"));
            assertThat(size).isEqualTo(1);
        }
    }

    @Test
    void aSnapshotIsTakenOffTheCommandPathAndUsedAfterARestart() throws Exception {
        StoreSettings settings = settings().withSnapshots(new StoreSettings.Snapshots(true, 10, 1.0, 1));
        try (AxonStore store = start(settings)) {
            for (int i = 0; i < 4; i++) {
                int from = i * 4;
                store.commandGateway().sendAndWait(new Record("l1",
                        IntStream.range(from, from + 4).mapToObj(n -> "e" + n).toList(), T0));
            }
            awaitSnapshot(store);
            assertThat(Databases.committedSnapshots(settings, "l1")).isEqualTo(1);
            assertThat(store.snapshotSizes().lastSize("l1")).isBetween(10, 16);
        }
        try (AxonStore store = start(settings)) {
            int size = store.commandGateway().sendAndWait(new Count("l1"));
            assertThat(size).isEqualTo(16);
            // The trigger learns a size only from a snapshot it was loaded from.
            assertThat(store.snapshotSizes().lastSize("l1")).isBetween(10, 16);
        }
    }

    @Test
    void theSnapshotThresholdGrowsWithTheState() {
        GrowingSnapshotTriggerDefinition definition =
                new GrowingSnapshotTriggerDefinition(null, new SnapshotSizes(), 1_000, 2.0);

        assertThat(definition.threshold(0)).isEqualTo(1_000);
        assertThat(definition.threshold(400)).isEqualTo(1_000);
        assertThat(definition.threshold(65_536)).isEqualTo(131_072);
    }

    @Test
    void startingTwiceOnTheSameDatabaseKeepsTheSchema() throws Exception {
        StoreSettings settings = settings();
        try (AxonStore store = start(settings)) {
            store.commandGateway().sendAndWait(new Record("l1", List.of("a"), T0));
        }
        try (AxonStore store = start(settings)) {
            store.commandGateway().sendAndWait(new Record("l1", List.of("b"), T0));
        }
        assertThat(Databases.committedEvents(settings, "l1")).isEqualTo(2);
    }

    @Test
    void theAppliedConfigurationFileIsKeptBesideTheEventsAndReplacedAsAWhole() throws Exception {
        StoreSettings settings = settings();
        try (AxonStore store = start(settings)) {
            AppliedConfigurationFile file = new AppliedConfigurationFile(store.dataSource());
            assertThat(file.read()).isEmpty();
            assertThat(file.record("subnets: []\n", T0)).isTrue();
            assertThat(file.record("subnets:\n  - cidr: 198.18.0.0/24\n", T0)).isTrue();
        }
        try (AxonStore store = start(settings)) {
            assertThat(new AppliedConfigurationFile(store.dataSource()).read())
                    .contains("subnets:\n  - cidr: 198.18.0.0/24\n");
        }
    }

    private static Ledger loadedLedger(AxonStore store, String id) {
        Repository<Ledger> repository = store.configuration().repository(Ledger.class);
        return store.transactionManager().fetchInTransaction(() -> {
            var uow = org.axonframework.messaging.unitofwork.DefaultUnitOfWork.startAndGet(null);
            try {
                return repository.load(id).invoke(ledger -> ledger);
            } finally {
                uow.rollback();
            }
        });
    }

    private static void awaitSnapshot(AxonStore store) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.snapshotsTaken() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // The snapshotter counts before storing: wait for the row as well.
        Thread.sleep(200);
        assertThat(store.snapshotsTaken()).isEqualTo(1);
    }
}
