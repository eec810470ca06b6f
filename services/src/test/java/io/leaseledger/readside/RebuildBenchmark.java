package io.leaseledger.readside;

import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.projections.ProjectionRunner;
import io.leaseledger.projections.SourcePosition;
import io.leaseledger.projections.StoredEvent;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;

import java.lang.management.ManagementFactory;
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
 *   <li><b>read only</b>: {@link EventStoreSource#readAll}, the rebuild's reader (the event
 *       table in pages, Jackson), events counted and dropped;</li>
 *   <li><b>rebuild</b>: {@code projections rebuild} as the CLI runs it ({@link ReadSide#rebuild}:
 *       reader thread, apply, write; all three projections);</li>
 *   <li><b>rebuild apply + write</b>: the same events already in memory, through the rebuild's
 *       writer ({@link ProjectionRunner#rebuild()});</li>
 *   <li>with {@code live}: the live path, events in memory applied in batches by
 *       {@link ProjectionRunner#apply} (what the tail does).</li>
 * </ol>
 * With {@code rebuild} instead of {@code live}, only the rebuild (2.) is timed; a sixth argument,
 * projection names separated by commas ({@code leases,history}), rebuilds only those (as
 * {@code bin/leaseledger projections rebuild NAME} does), to see what each one costs.
 * Each is run {@code runs} times (the first is a warm-up); each line gives the wall time, the
 * process's CPU time (all threads) and the calling thread's. Bounded: rounds of the load are
 * fixed by the argument, at most 10.
 *
 * <pre>
 * java -cp ... io.leaseledger.readside.RebuildBenchmark [rounds=2] [batch=2000] [runs=3] [store directory to keep] [live|rebuild] [projections]
 * </pre>
 */
public final class RebuildBenchmark {
    private RebuildBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = Math.min(10, args.length > 0 ? Integer.parseInt(args[0]) : 2);
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        // A fifth argument "live" also times the live path (ProjectionRunner.apply per batch);
        // "rebuild" times the rebuild alone (more runs of it in the same time, for comparisons).
        boolean live = args.length > 4 && args[4].equals("live");
        boolean rebuildOnly = args.length > 4 && args[4].equals("rebuild");
        // A sixth argument names the projections to rebuild, comma-separated (all when absent).
        List<String> names = args.length > 5 ? List.of(args[5].split(",")) : List.of();
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
            source.readAll(batch, (b, after) -> events.addAll(b));
            System.out.printf(Locale.ROOT, "wrote %,d events through the aggregate in %.1f s; batch %d events; load average %s%n",
                    events.size(), (System.nanoTime() - t0) / 1e9, batch, loadAverage());

            for (int run = 0; run < runs; run++) {
                Cpu cpu;
                if (rebuildOnly) {
                    cpu = Cpu.now();
                    ProjectionRebuild.Result result = readSide.rebuild(names);
                    report(run, "rebuild (as the command runs it)", result.events(), cpu);
                    continue;
                }
                cpu = Cpu.now();
                long[] read = {0};
                source.readAll(batch, (b, after) -> read[0] += b.size());
                report(run, "read only (table, Jackson)", read[0], cpu);

                cpu = Cpu.now();
                ProjectionRebuild.Result result = readSide.rebuild(names);
                report(run, "rebuild (as the command runs it)", result.events(), cpu);

                List<ProjectionRunner> runners = readSide.runners();
                cpu = Cpu.now();
                List<ProjectionRunner.Rebuild> rebuilds = runners.stream().map(ProjectionRunner::rebuild).toList();
                for (int i = 0; i < events.size(); i += batch) {
                    List<StoredEvent> part = events.subList(i, Math.min(events.size(), i + batch));
                    rebuilds.forEach(r -> r.apply(part));
                }
                rebuilds.forEach(r -> r.finish(new SourcePosition("memory", Integer.toString(events.size()))));
                report(run, "rebuild apply + write (events in memory)", events.size(), cpu);

                if (live) {
                    runners.forEach(ProjectionRunner::reset);
                    cpu = Cpu.now();
                    for (int i = 0; i < events.size(); i += batch) {
                        List<StoredEvent> part = events.subList(i, Math.min(events.size(), i + batch));
                        SourcePosition after = new SourcePosition("memory", Integer.toString(i + part.size()));
                        for (ProjectionRunner runner : runners) {
                            runner.apply(part, after);
                        }
                    }
                    report(run, "live apply + write (events in memory)", events.size(), cpu);
                }
            }
            System.out.printf(Locale.ROOT, "load average at the end %s%n", loadAverage());
        } finally {
            if (!keep) {
                try (var files = Files.walk(data)) {
                    files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** Wall clock, this process's CPU time and this thread's CPU time at one instant. */
    private record Cpu(long wall, long process, long thread, long gcMillis, java.util.Map<String, Long> groups) {
        static Cpu now() {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long gc = 0;
            for (var bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                gc += Math.max(0, bean.getCollectionTime());
            }
            return new Cpu(System.nanoTime(), os.getProcessCpuTime(), ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(), gc,
                    ThreadGroups.cpu());
        }
    }

    private static void report(int run, String what, long events, Cpu before) {
        Cpu after = Cpu.now();
        double wall = (after.wall() - before.wall()) / 1e9;
        double process = (after.process() - before.process()) / 1e9;
        double thread = (after.thread() - before.thread()) / 1e9;
        System.out.printf(Locale.ROOT, "%s %-42s %,9d events  %6.2f s  %,9.0f events/s  process CPU %6.2f s (%5.2f us/event)  main thread CPU %6.2f s  GC %5.2f s  load %s%n",
                run == 0 ? "warm-up" : "run " + run + "  ", what, events, wall, events / wall, process,
                process * 1e6 / events, thread, (after.gcMillis() - before.gcMillis()) / 1e3, loadAverage().split(" ")[0]);
        System.out.println("        " + ThreadGroups.breakdown(before.groups(), after.groups(), after.process() - before.process(), events));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
