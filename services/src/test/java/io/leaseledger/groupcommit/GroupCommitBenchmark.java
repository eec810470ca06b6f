package io.leaseledger.groupcommit;

import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.Durability;
import io.leaseledger.store.StoreSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.leaseledger.groupcommit.SubnetFixture.SUBNET;

/**
 * The group-commit path in-process, no network: N simulated clients, each running DISCOVER then
 * REQUEST (one DORA) through {@link SubnetGateway} into the real Subnet aggregate on an H2 file,
 * waiting for each committed decision before the next message, as a DHCP client waits for the
 * reply. Bounded by a number of DORAs and a time limit. Reports DORA/s, decisions/s, commits/s
 * and the mean batch.
 *
 * <p>Not a unit test: without {@code -Dbench.durability} it skips itself. Run:
 * <pre>
 * ./mvnw -B -q -pl services -am test -Dtest=GroupCommitBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.durability=commit -Dbench.clients=64 -Dbench.doras=30000
 * </pre>
 */
class GroupCommitBenchmark {

    @Test
    void run() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("bench.durability") != null,
                "a benchmark, not a test: run it with -Dbench.durability=commit|fsync");
        Durability durability = Durability.valueOf(System.getProperty("bench.durability", "commit").toUpperCase(Locale.ROOT));
        int clients = Integer.getInteger("bench.clients", 64);
        int doras = Integer.getInteger("bench.doras", 30_000);
        Duration limit = Duration.ofSeconds(Integer.getInteger("bench.seconds", 60));
        System.out.println(measure(durability, clients, doras, limit));
    }

    public static void main(String[] args) throws Exception {
        Durability durability = args.length > 0 ? Durability.valueOf(args[0].toUpperCase(Locale.ROOT)) : Durability.COMMIT;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int doras = args.length > 2 ? Integer.parseInt(args[2]) : 30_000;
        System.out.println(measure(durability, clients, doras, Duration.ofSeconds(60)));
    }

    record Result(Durability durability, int clients, long doras, double seconds, long decisions, long commits,
                  long failed, double p50Millis, double p99Millis, long snapshots, double cpuSeconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "durability=%s clients=%d doras=%d in %.2fs: %.0f DORA/s, %.0f decisions/s, %.0f commits/s, "
                            + "%.1f decisions/commit, DORA latency p50 %.2f ms p99 %.2f ms, failed %d, snapshots %d, "
                            + "process CPU %.1f µs per decision",
                    durability, clients, doras, seconds, doras / seconds, decisions / seconds, commits / seconds,
                    commits == 0 ? 0.0 : (double) decisions / commits, p50Millis, p99Millis, failed, snapshots,
                    decisions == 0 ? 0.0 : cpuSeconds * 1e6 / decisions);
        }
    }

    static Result measure(Durability durability, int clients, int doras, Duration limit) throws Exception {
        Path dir = Files.createTempDirectory("leaseledger-bench");
        StoreSettings settings = StoreSettings.h2(dir).withDurability(durability);
        try (AxonStore store = AxonStore.start(settings, SubnetFixture.aggregates());
             SubnetGateway gateway = new SubnetGateway(store.commandGateway(), Clock.systemUTC(), settings.mailbox())) {
            SubnetFixture.define(store, Clock.systemUTC().instant());
            // Warm-up: JIT, pool, aggregate in the cache (the clients differ from the measured ones).
            run(gateway, clients, Math.min(2_000, doras / 5), 1_000_000, Duration.ofSeconds(20));

            MailboxStats.Snapshot before = gateway.stats();
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            long[] latencies = run(gateway, clients, doras, 0, limit);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
            MailboxStats.Snapshot after = gateway.stats();
            long done = Arrays.stream(latencies).filter(l -> l > 0).count();
            long[] sorted = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
            return new Result(durability, clients, done, seconds, after.decided() - before.decided(),
                    after.commits() - before.commits(), after.failedMessages() - before.failedMessages(),
                    percentile(sorted, 0.50), percentile(sorted, 0.99), store.snapshotsTaken(), cpuSeconds);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs {@code doras} DORAs over {@code clients} concurrent clients; returns each DORA's latency in ns. */
    private static long[] run(SubnetGateway gateway, int clients, int doras, int firstClient, Duration limit)
            throws InterruptedException {
        long[] latencies = new long[doras];
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        long deadline = System.nanoTime() + limit.toNanos();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                running.add(threads.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < doras && System.nanoTime() < deadline) {
                        int client = firstClient + i;
                        long t0 = System.nanoTime();
                        try {
                            Decision offer = gateway.decide(SUBNET, SubnetFixture.discover(client)).get(10, TimeUnit.SECONDS);
                            Ipv4Address address = ((Decision.Offer) offer).address();
                            gateway.decide(SUBNET, SubnetFixture.request(client, address)).get(10, TimeUnit.SECONDS);
                            latencies[i] = System.nanoTime() - t0;
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
            threads.shutdown();
            threads.awaitTermination(limit.toSeconds() + 30, TimeUnit.SECONDS);
        }
        return latencies;
    }

    /** CPU time of the whole process (all threads, GC and JIT included): robust to other load on the machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1e6;
    }
}
