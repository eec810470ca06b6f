package io.leaseledger.readside;

import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.projections.AddressHistoryProjection;
import io.leaseledger.projections.LeaseState;
import io.leaseledger.projections.LeasesProjection;
import io.leaseledger.projections.Projection;
import io.leaseledger.projections.SourcePosition;
import io.leaseledger.projections.StoredEvent;
import io.leaseledger.projections.TransactionLogProjection;
import io.leaseledger.projections.ProjectionRunner;
import io.leaseledger.projections.TableContents;
import io.leaseledger.projections.query.LeaseFilter;
import io.leaseledger.projections.query.PageRequest;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.jooq.DSLContext;
import org.jooq.Table;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static io.leaseledger.projections.tables.Tables.ADDRESS_INTERVAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A lease workload through the engine (Subnet aggregate, H2 event store), followed live by the
 * projections in small steps; then a rebuild from scratch must give exactly the same tables.
 */
abstract class RebuildEqualsLiveContract {
    static final Instant T0 = Instant.parse("2026-11-24T14:00:00Z");

    @TempDir
    Path data;

    abstract ProjectionsConfiguration projections(Path data) throws Exception;

    abstract void dropProjections() throws Exception;

    @Test
    void aRebuildFromScratchGivesTheTablesTheLiveRunnerBuilt() throws Exception {
        StoreSettings settings = StoreSettings.h2(data).withSnapshots(new StoreSettings.Snapshots(true, 200, 1.0, 1));
        ProjectionsConfiguration config = projections(data);
        try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class));
             ReadSide readSide = ReadSide.open(config, store, Clock.fixed(T0, ZoneOffset.UTC))) {
            LeaseLoad load = new LeaseLoad(store, T0);
            load.define(AddressRange.of("198.18.1.0", "198.18.1.255"));
            ProjectionTail tail = readSide.tail();
            assertThat(load.dora(0, 200, 25)).isEqualTo(200);
            tail.catchUp();
            load.tick(300);
            load.renew(n -> n % 2 == 0, 40);
            load.release(n -> n % 10 == 3, 40);
            tail.catchUp();
            load.decline(n -> n % 50 == 7, 10);
            assertThat(load.reclaimAfter(700)).isPositive();   // the odd clients never renewed
            tail.catchUp();
            // New clients take the freed addresses: re-leases to other clients; the pool runs dry.
            load.dora(1_000, 300, 30);
            tail.catchUp();
            load.tick(60);
            load.release(n -> n % 4 == 0, 50);
            tail.catchUp();

            Map<String, Map<String, List<List<Object>>>> live = contents(readSide);
            assertThat(live.get("log").get("transaction_log")).hasSizeGreaterThan(1_000);
            assertThat(live.get("log").get("transaction_log_key")).hasSameSizeAs(live.get("log").get("transaction_log"));
            assertThat(live.get("history").get("address_interval")).hasSizeGreaterThan(300);
            assertThat(readSide.queries().currentLeases(LeaseFilter.any().withState(LeaseState.BOUND),
                    PageRequest.first(1_000)).items()).isNotEmpty();

            ProjectionRebuild.Result rebuilt = readSide.rebuild(List.of());
            assertThat(rebuilt.events()).isEqualTo(readSide.runners().getFirst().eventsApplied());
            assertThat(contents(readSide)).isEqualTo(live);
            for (ProjectionRunner runner : readSide.runners()) {
                assertThat(runner.position()).isPresent();
            }
            // And the tail carries on from the rebuilt position without applying anything twice.
            tail.catchUp();
            assertThat(contents(readSide)).isEqualTo(live);

            // Final rows (log, closed intervals, past minutes) written as they pile up, every 7 rows.
            ProjectionRebuild.rebuild(new EventStoreSource(store), readSide.runners(), 50, 7);
            assertThat(contents(readSide)).isEqualTo(live);
            tail.catchUp();
            assertThat(contents(readSide)).isEqualTo(live);
        } finally {
            dropProjections();
        }
    }

    /**
     * A rebuild that fails part way (here: the history projection at its 700th event, as a
     * crash would stop it) leaves that projection without a position (the others finished, or
     * have none either); the next start empties what has no position and replays from the first
     * event, and a rebuild run again ends with the same tables as the live ones, secondary
     * indexes included.
     */
    @Test
    void aRebuildThatFailsPartWayIsStartedOverAndEndsWithTheLiveTables() throws Exception {
        StoreSettings settings = StoreSettings.h2(data).withSnapshots(StoreSettings.Snapshots.DISABLED);
        ProjectionsConfiguration config = projections(data);
        try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class))) {
            Map<String, Map<String, List<List<Object>>>> live;
            Set<String> indexes;
            try (ReadSide readSide = ReadSide.open(config, store, Clock.fixed(T0, ZoneOffset.UTC))) {
                LeaseLoad load = new LeaseLoad(store, T0);
                load.define(AddressRange.of("198.18.1.0", "198.18.1.255"));
                load.dora(0, 200, 25);
                load.tick(300);
                load.release(n -> n % 10 == 3, 40);
                assertThat(load.reclaimAfter(700)).isPositive();
                load.dora(1_000, 150, 30);
                readSide.tail().catchUp();
                live = contents(readSide);
                indexes = secondaryIndexes(readSide);
                assertThat(indexes).contains("ix_transaction_log_key_mac", "ix_current_lease_state", "ix_address_interval_address");

                Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
                List<ProjectionRunner> failing = List.of(
                        new ProjectionRunner(new LeasesProjection(), readSide.dsl(), clock),
                        new ProjectionRunner(new FailingAt(new AddressHistoryProjection(), 700), readSide.dsl(), clock),
                        new ProjectionRunner(new TransactionLogProjection(), readSide.dsl(), clock));
                // Final rows written every 50: the failed rebuild leaves rows of its own behind.
                assertThatThrownBy(() -> ProjectionRebuild.rebuild(new EventStoreSource(store), failing, 100, 50))
                        .hasMessageContaining("crash at event 700");
                // The failed projection has no position, partial rows and no secondary indexes; the
                // others (each written by its own thread) finished with a position, or did not.
                for (ProjectionRunner runner : readSide.runners()) {
                    String name = runner.projection().name();
                    if (name.equals("history")) {
                        assertThat(runner.position()).as(name).isEmpty();
                    } else if (runner.position().isPresent()) {
                        assertThat(TableContents.of(readSide.dsl(), runner.projection())).isEqualTo(live.get(name));
                    }
                }
                assertThat(secondaryIndexes(readSide)).doesNotContain("ix_address_interval_address", "ix_address_interval_mac");
                assertThat(readSide.dsl().fetchCount(ADDRESS_INTERVAL))
                        .isBetween(1, live.get("history").get("address_interval").size() - 1);
            }
            // The next start: the tail empties what has no position and replays from the first event.
            try (ReadSide readSide = ReadSide.open(config, store, Clock.fixed(T0, ZoneOffset.UTC))) {
                readSide.tail().catchUp();
                assertThat(contents(readSide)).isEqualTo(live);
                assertThat(secondaryIndexes(readSide)).isEqualTo(indexes);

                readSide.rebuild(List.of());
                assertThat(contents(readSide)).isEqualTo(live);
                assertThat(secondaryIndexes(readSide)).isEqualTo(indexes);
                for (ProjectionRunner runner : readSide.runners()) {
                    assertThat(runner.position()).isPresent();
                }
            }
        } finally {
            dropProjections();
        }
    }

    /**
     * {@code projections rebuild history} rebuilds that one alone: it replays the events the tail
     * had not applied yet and ends at the log's end, while leases and log keep the rows and the
     * position the tail left them (and the tail then brings them up, history passing over what it
     * has). A name that is no projection, even beside a valid one, is refused before anything is
     * emptied, with the names there are.
     */
    @Test
    void aRebuildOfOneNamedProjectionLeavesTheOthersAsTheyWere() throws Exception {
        StoreSettings settings = StoreSettings.h2(data).withSnapshots(StoreSettings.Snapshots.DISABLED);
        ProjectionsConfiguration config = projections(data);
        try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class));
             ReadSide readSide = ReadSide.open(config, store, Clock.fixed(T0, ZoneOffset.UTC))) {
            LeaseLoad load = new LeaseLoad(store, T0);
            load.define(AddressRange.of("198.18.1.0", "198.18.1.255"));
            load.dora(0, 100, 25);
            readSide.tail().catchUp();
            Map<String, Map<String, List<List<Object>>>> tailed = contents(readSide);
            Map<String, Optional<SourcePosition>> tailedAt = positions(readSide);
            Map<String, Long> tailedEvents = eventsApplied(readSide);
            load.tick(300);
            load.release(n -> n % 4 == 0, 25);
            load.dora(1_000, 20, 10);

            assertThatThrownBy(() -> readSide.rebuild(List.of("history", "lease")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no projection 'lease': the projections are leases, history, log");
            assertThat(contents(readSide)).isEqualTo(tailed);
            assertThat(positions(readSide)).isEqualTo(tailedAt);

            ProjectionRebuild.Result rebuilt = readSide.rebuild(List.of("history"));
            assertThat(rebuilt.projections()).containsExactly("history");
            Map<String, Map<String, List<List<Object>>>> after = contents(readSide);
            assertThat(after.get("history")).isNotEqualTo(tailed.get("history"));
            assertThat(positions(readSide).get("history")).isPresent().isNotEqualTo(tailedAt.get("history"));
            assertThat(eventsApplied(readSide).get("history")).isEqualTo(rebuilt.events()).isGreaterThan(tailedEvents.get("history"));
            for (String other : List.of("leases", "log")) {
                assertThat(after.get(other)).as(other).isEqualTo(tailed.get(other));
                assertThat(positions(readSide).get(other)).as(other).isEqualTo(tailedAt.get(other));
                assertThat(eventsApplied(readSide).get(other)).as(other).isEqualTo(tailedEvents.get(other));
            }

            readSide.tail().catchUp();
            Map<String, Map<String, List<List<Object>>>> caughtUp = contents(readSide);
            assertThat(caughtUp.get("history")).isEqualTo(after.get("history"));
            assertThat(Set.copyOf(positions(readSide).values())).hasSize(1);
            readSide.rebuild(List.of());
            assertThat(contents(readSide)).isEqualTo(caughtUp);
        } finally {
            dropProjections();
        }
    }

    private static Map<String, Optional<SourcePosition>> positions(ReadSide readSide) {
        Map<String, Optional<SourcePosition>> positions = new LinkedHashMap<>();
        readSide.runners().forEach(r -> positions.put(r.projection().name(), r.position()));
        return positions;
    }

    private static Map<String, Long> eventsApplied(ReadSide readSide) {
        Map<String, Long> events = new LinkedHashMap<>();
        readSide.runners().forEach(r -> events.put(r.projection().name(), r.eventsApplied()));
        return events;
    }

    /** A projection that throws at its {@code n}th event, as a crash would stop it. */
    private static final class FailingAt implements Projection {
        private final Projection delegate;
        private final int n;
        private int seen;

        FailingAt(Projection delegate, int n) {
            this.delegate = delegate;
            this.n = n;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public List<Table<?>> tables() {
            return delegate.tables();
        }

        @Override
        public void begin(DSLContext tx) {
            delegate.begin(tx);
        }

        @Override
        public void apply(StoredEvent event) {
            if (++seen == n) {
                throw new IllegalStateException("crash at event " + n);
            }
            delegate.apply(event);
        }

        @Override
        public void flush(DSLContext tx) {
            delegate.flush(tx);
        }

        @Override
        public void forget() {
            delegate.forget();
        }

        @Override
        public int finalRowsPending() {
            return delegate.finalRowsPending();
        }

        @Override
        public void flushFinal(DSLContext tx) {
            delegate.flushFinal(tx);
        }
    }

    /** The non-key indexes of every projection table, as the database has them. */
    private static Set<String> secondaryIndexes(ReadSide readSide) {
        Set<String> names = new TreeSet<>();
        readSide.dsl().connection(c -> {
            for (Projection p : readSide.projections()) {
                for (Table<?> t : p.tables()) {
                    try (ResultSet r = c.getMetaData().getIndexInfo(null, null, t.getName(), false, false)) {
                        while (r.next()) {
                            String name = r.getString("INDEX_NAME");
                            if (name != null && name.toLowerCase(Locale.ROOT).startsWith("ix_")) {
                                names.add(name.toLowerCase(Locale.ROOT));
                            }
                        }
                    }
                }
            }
        });
        return names;
    }

    private static Map<String, Map<String, List<List<Object>>>> contents(ReadSide readSide) {
        Map<String, Map<String, List<List<Object>>>> all = new LinkedHashMap<>();
        readSide.projections().forEach(p -> all.put(p.name(), TableContents.of(readSide.dsl(), p)));
        return all;
    }
}
