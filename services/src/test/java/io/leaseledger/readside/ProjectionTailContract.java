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

    /**
     * An embedded H2 database that failed (a full disk) is closed by H2 and opened again from its
     * file, which may hold an earlier commit than the projections hold in memory: H2 writes a
     * commit to the file up to its write delay later. Here the tables are put back as they were
     * after the first catch-up (H2's own SCRIPT and RUNSCRIPT) and the next catch-up fails (a
     * missing table); the one after it must write again what the tables lost. Before the runner
     * compared the tables' event count with its own, the projections passed those events over as
     * applied (DiskFullIT found 195 leases the event log held and current_lease did not).
     */
    @Test
    void tablesOpenedAgainAtAnEarlierCommitAfterAFailureAreFilledAgain() throws Exception {
        tablesPutBackToAnEarlierCommit(true);
    }

    /**
     * The same when the tail itself met no failure: an API request's read found the database
     * closed and the pool opened it again before the tail's next batch.
     */
    @Test
    void tablesOpenedAgainAtAnEarlierCommitBehindTheTailsBackAreFilledAgain() throws Exception {
        tablesPutBackToAnEarlierCommit(false);
    }

    private void tablesPutBackToAnEarlierCommit(boolean tailMeetsTheFailure) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(this instanceof ProjectionTailOnH2Test, "H2's SCRIPT and RUNSCRIPT");
        StoreSettings settings = databases.store().withSnapshots(StoreSettings.Snapshots.DISABLED);
        try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class));
             ReadSide readSide = ReadSide.open(config(), store, Clock.systemUTC())) {
            LeaseLoad load = new LeaseLoad(store, T0);
            load.define(AddressRange.of("198.18.1.0", "198.18.1.255"));
            load.dora(0, 20, 10);
            readSide.tail().catchUp();
            java.nio.file.Path earlier = data.resolve("projections-earlier.sql");
            readSide.dsl().execute("SCRIPT TO '" + earlier + "'");
            load.dora(20, 20, 10);
            readSide.tail().catchUp();
            assertThat(readSide.queries().currentLeases(LeaseFilter.any(), PageRequest.first(100)).items()).hasSize(40);

            readSide.dsl().execute("DROP ALL OBJECTS");
            readSide.dsl().execute("RUNSCRIPT FROM '" + earlier + "'");
            if (tailMeetsTheFailure) {
                readSide.dsl().execute("ALTER TABLE projection_position RENAME TO projection_position_away");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> readSide.tail().catchUp())
                        .as("the catch-up that meets the failure").isInstanceOf(RuntimeException.class);
                readSide.dsl().execute("ALTER TABLE projection_position_away RENAME TO projection_position");
            }
            readSide.tail().catchUp();

            assertThat(readSide.queries().currentLeases(LeaseFilter.any(), PageRequest.first(100)).items())
                    .as("the 20 leases the tables had lost, written again").hasSize(40);
            assertThat(readSide.queries().transactionLog(io.leaseledger.projections.query.LogFilter.any()
                    .withDecision(io.leaseledger.projections.Decision.GRANT), PageRequest.first(100)).items())
                    .as("every grant in the log again").hasSize(40);
        }
    }

    private static long countEvents(AxonStore store) {
        try (var s = store.readEvents(null)) {
            return s.count();
        }
    }
}
