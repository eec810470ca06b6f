package io.leaseledger.readside;

import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.projections.LeaseState;
import io.leaseledger.projections.ProjectionRunner;
import io.leaseledger.projections.TableContents;
import io.leaseledger.projections.query.LeaseFilter;
import io.leaseledger.projections.query.PageRequest;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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
        } finally {
            dropProjections();
        }
    }

    private static Map<String, Map<String, List<List<Object>>>> contents(ReadSide readSide) {
        Map<String, Map<String, List<List<Object>>>> all = new LinkedHashMap<>();
        readSide.projections().forEach(p -> all.put(p.name(), TableContents.of(readSide.dsl(), p)));
        return all;
    }
}
