package io.leaseledger.readside;

import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.projections.ProjectionRunner;
import io.leaseledger.projections.SourcePosition;
import io.leaseledger.projections.StoredEvent;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How fast the projections are rebuilt from the event store, on H2 files. Not a unit test: a
 * main method. It first writes a lease history through the real Subnet aggregate (DORAs of
 * 60,000 clients per round in commands of 500, renewals, releases, new clients), then:
 * <ol>
 *   <li><b>rebuild</b>: {@code projections rebuild} as the CLI runs it — read the store (Axon's
 *       JDBC engine, Jackson), apply, write; all three projections;</li>
 *   <li><b>apply only</b>: the same events already in memory, applied and written.</li>
 * </ol>
 * Each is run {@code runs} times (the first is a warm-up and not reported). Bounded: rounds of
 * the load are fixed by the argument, at most 10.
 *
 * <pre>
 * java -cp ... io.leaseledger.readside.RebuildBenchmark [rounds=2] [batch=2000] [runs=3] [store directory to keep]
 * </pre>
 */
public final class RebuildBenchmark {
    private RebuildBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = Math.min(10, args.length > 0 ? Integer.parseInt(args[0]) : 2);
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.setProperty("disable-axoniq-console-message", "true");
        // A fifth argument keeps the store there between runs: the load is written only once.
        boolean keep = args.length > 3;
        Path data = keep ? Files.createDirectories(Path.of(args[3])) : Files.createTempDirectory("leaseledger-rebuild-bench");
        boolean loaded = keep && Files.exists(data.resolve("events.mv.db"));
        StoreSettings settings = StoreSettings.h2(data).withSnapshots(StoreSettings.Snapshots.DISABLED);
        ProjectionsConfiguration config = new ProjectionsConfiguration(true, "h2", data, Optional.empty(),
                Optional.empty(), Optional.empty(), batch, ProjectionsConfiguration.DEFAULT_POLL_INTERVAL);
        try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class));
             ReadSide readSide = ReadSide.open(config, store, Clock.systemUTC())) {
            long t0 = System.nanoTime();
            LeaseLoad load = new LeaseLoad(store, Instant.parse("2026-11-24T00:00:00Z"));
            if (!loaded) {
                load.define(AddressRange.of("198.18.1.0", "198.18.255.254"));
            }
            for (int r = 0; r < (loaded ? 0 : rounds); r++) {
                System.out.printf(Locale.ROOT, "round %d at %.1f s%n", r, (System.nanoTime() - t0) / 1e9);
                load.dora(r * 100_000, 60_000, 500);
                load.tick(300);
                load.renew(n -> true, 500);
                load.release(n -> n % 2 == 0, 500);
                load.reclaimAfter(3_600);
            }
            List<StoredEvent> events = new ArrayList<>();
            EventStoreSource source = new EventStoreSource(store);
            source.readAfter(Optional.empty(), batch, (b, after) -> events.addAll(b));
            System.out.printf(Locale.ROOT, "wrote %,d events through the aggregate in %.1f s; batch %d events%n",
                    events.size(), (System.nanoTime() - t0) / 1e9, batch);

            for (int run = 0; run < runs; run++) {
                ProjectionRebuild.Result result = readSide.rebuild(List.of());
                report(run, "rebuild (read store + apply + write)", result.events(), result.took().toNanos());

                List<ProjectionRunner> runners = readSide.runners();
                runners.forEach(ProjectionRunner::reset);
                long start = System.nanoTime();
                for (int i = 0; i < events.size(); i += batch) {
                    List<StoredEvent> part = events.subList(i, Math.min(events.size(), i + batch));
                    SourcePosition after = new SourcePosition("memory", Integer.toString(i + part.size()));
                    for (ProjectionRunner runner : runners) {
                        runner.apply(part, after);
                    }
                }
                report(run, "apply only (events in memory)", events.size(), System.nanoTime() - start);
            }
        } finally {
            if (!keep) {
                try (var files = Files.walk(data)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static void report(int run, String what, long events, long nanos) {
        System.out.printf(Locale.ROOT, "%s %-38s %,9d events  %6.2f s  %,9.0f events/s%n",
                run == 0 ? "warm-up" : "run " + run + "  ", what, events, nanos / 1e9, events * 1e9 / nanos);
    }
}
