package io.leaseledger.streaming;

import io.leaseledger.config.KafkaConfiguration;
import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.Delivery;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

/**
 * Publish lag under a sustained load: DISCOVERs paced at {@code rate} per second (each commits one
 * {@code LeaseOffered}) through the real group-commit path into four subnets on an H2 file; the
 * publisher sends every event to a real broker in this JVM (or at {@code -Dbench.bootstrap}).
 * After a warm-up (at least {@code bench.warmup} s, then until the publisher caught up once, at
 * most 60 s more), the lag of every event decided in the measured window is recorded until the
 * load stops and the backlog is drained: committed → acknowledged ({@link KafkaPublisher#lags()}),
 * decided → acknowledged and sent → acknowledged. Bounded: warm-up + duration, then at most
 * 60 s of drain.
 *
 * <p>Not a unit test: without {@code -Dbench.lag} it skips itself. {@code bin/bench-publish-lag}
 * runs it at several rates (docs/benchmarks.md, "Publish lag"); or:
 * <pre>
 * ./mvnw -B -q -pl services -am test -Dtest=PublishLagBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfuzz.skip=true -Dbench.lag=true -Dbench.rate=10000 -Dbench.seconds=30
 * </pre>
 */
class PublishLagBenchmark {

    @Test
    void run() throws Exception {
        Assumptions.assumeTrue(System.getProperty("bench.lag") != null, "a benchmark, not a test: run it with -Dbench.lag=true");
        main(new String[0]);
    }

    /** The same run without surefire (easier to profile): {@code java -cp ... -Dbench.rate=N io.leaseledger.streaming.PublishLagBenchmark}. */
    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("bench.rate", 10_000);
        Duration warmUp = Duration.ofSeconds(Integer.getInteger("bench.warmup", 5));
        Duration duration = Duration.ofSeconds(Integer.getInteger("bench.seconds", 30));
        Path dir = Files.createTempDirectory("leaseledger-lag-bench");
        try {
            measure(dir, rate, warmUp, duration);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    private static void measure(Path dir, int rate, Duration warmUp, Duration duration) throws Exception {
        String external = System.getProperty("bench.bootstrap");
        try (KafkaBroker broker = external == null ? KafkaBroker.start(dir.resolve("kafka")) : null;
             Rack rack = new Rack(dir.resolve("rack")).withSubnets(4);
             KafkaPublisher publisher = Publishing.start(withProperties(broker != null ? broker.configuration()
                     : KafkaBroker.configuration(external)), "bench", rack.store)) {
            System.out.println("  broker: " + (broker != null ? "in this JVM" : "in another process, " + external));
            long before = rack.eventCount();
            AtomicLong failed = new AtomicLong();
            LongAdder decided = new LongAdder();

            Thread monitor = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        Thread.sleep(1_000);
                        PublisherStatus st = publisher.status();
                        System.out.printf(Locale.ROOT, "  acknowledged %,d, head %,d, position %,d, in flight %,d, oldest unacknowledged %.1f ms, p99 %.1f ms, load %.2f%n",
                                st.acknowledged(), st.head(), st.position(), st.inFlight(), st.oldestUnacknowledgedMicros() / 1e3,
                                st.lagP99Micros() / 1e3, loadAverage());
                    }
                } catch (InterruptedException stop) {
                    // done
                }
            });
            // Warm-up: at least bench.warmup, then until the publisher has caught up with the load once
            // (its start-up backlog drained: oldest unacknowledged record < 100 ms), at most 60 s more.
            Paced warm = pace(rack, rate, warmUp, warmUp.plusSeconds(60), () -> {
                PublisherStatus st = publisher.status();
                return st.acknowledged() > 0 && st.oldestUnacknowledgedMicros() < 100_000 && st.backlog() < rate / 10 + 1;
            }, 0, failed, decided);
            System.out.printf(Locale.ROOT, "  warm-up: %.1f s, %,d submitted%n", warm.seconds(), warm.submitted());
            // Measured: the events committed from here on (the warm-up's backlog is not counted).
            long measuredFrom = rack.eventCount();
            long dropsBefore = rack.gateway.stats().dropped();
            long failedBefore = failed.get();
            publisher.lagsFrom(Instant.now());
            long cpuBefore = processCpuNanos();
            long publisherCpuBefore = threadCpuNanos("leaseledger-publisher");
            long start = System.nanoTime();
            Paced measured = pace(rack, rate, duration, duration, () -> true, warm.submitted(), failed, decided);
            double seconds = measured.seconds();
            double loadAtEnd = loadAverage();
            measured.last().get(60, TimeUnit.SECONDS);
            long measuredTo = rack.eventCount();
            long dropped = rack.gateway.stats().dropped() - dropsBefore;
            long failedInWindow = failed.get() - failedBefore;

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (publisher.status().backlog() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double drained = (System.nanoTime() - start) / 1e9;
            long cpu = processCpuNanos() - cpuBefore;
            long publisherCpu = threadCpuNanos("leaseledger-publisher") - publisherCpuBefore;
            monitor.interrupt();
            LagHistogram lags = publisher.lags();
            LagHistogram decidedLags = publisher.lagsSinceDecided();
            PublisherStatus status = publisher.status();
            long events = measuredTo - measuredFrom;
            System.out.printf(Locale.ROOT, "publish lag: target %,d events/s for %.1f s: %,d DISCOVERs submitted (%,.0f/s), "
                            + "%,d events committed (%,.0f events/s), %,d decisions refused (mailbox full), %d failed in all; "
                            + "%,d events acknowledged; lag committed -> acknowledged: %s; decided -> acknowledged: %s; "
                            + "of which sent to the producer -> acknowledged: %s; "
                            + "backlog after drain %d (events before load %d); "
                            + "process CPU %.2f s over %.1f s (%.2f cores, %.0f µs/event), publisher thread CPU %.2f s (%.1f µs/event); "
                            + "load average %.2f at the end of the load%n",
                    rate, seconds, measured.submitted(), measured.submitted() / seconds, events, events / seconds, dropped,
                    failedInWindow, lags.count(), percentiles(lags), percentiles(decidedLags), percentiles(publisher.lagsSinceSent()),
                    status.backlog(), before, cpu / 1e9, drained, cpu / 1e9 / drained, events == 0 ? 0 : cpu / 1e3 / events,
                    publisherCpu / 1e9, events == 0 ? 0 : publisherCpu / 1e3 / events, loadAtEnd);
        }
    }

    private static String percentiles(LagHistogram lags) {
        return String.format(Locale.ROOT, "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms",
                lags.percentileMicros(0.50) / 1e3, lags.percentileMicros(0.90) / 1e3, lags.percentileMicros(0.99) / 1e3,
                lags.percentileMicros(0.999) / 1e3, lags.maxMicros() / 1e3);
    }

    /** {@code -Dbench.kafka.linger.ms=1} and the like: client properties on top of the publisher's own. */
    private static KafkaConfiguration withProperties(KafkaConfiguration kafka) {
        Map<String, String> properties = new HashMap<>(kafka.properties());
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("bench.kafka.")) {
                properties.put(name.substring("bench.kafka.".length()), System.getProperty(name));
            }
        }
        if (!properties.isEmpty()) {
            System.out.println("  producer properties: " + properties);
        }
        return new KafkaConfiguration(kafka.bootstrapServers(), kafka.clientId(), kafka.leaseTopic(),
                kafka.configurationTopic(), kafka.partitions(), kafka.replicationFactor(), properties);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /** CPU time of the live thread named {@code name} (0 if there is none). */
    private static long threadCpuNanos(String name) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().equals(name)) {
                return Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return 0;
    }

    /** What {@link #pace} did: the future of its last decisions, how many it submitted, for how long. */
    private record Paced(CompletableFuture<Void> last, long submitted, double seconds) {}

    /**
     * Submits DISCOVERs at {@code rate}/s for at least {@code min} and then until {@code enough}
     * says so (checked every 100 ms) or {@code max} passed, spread over the subnets, clients
     * cycling through 3,000 per subnet (a repeated DISCOVER is offered again). The schedule is
     * kept from the start (a late wake-up submits what is due), so the offered rate is the target
     * unless this thread is starved.
     */
    private static Paced pace(Rack rack, int rate, Duration min, Duration max, BooleanSupplier enough, long firstClient,
                              AtomicLong failed, LongAdder decided) throws InterruptedException {
        long start = System.nanoTime();
        long minEnd = start + min.toNanos();
        long maxEnd = start + max.toNanos();
        long nextCheck = minEnd;
        long submitted = 0;
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        int subnets = rack.subnets.size();
        while (true) {
            long now = System.nanoTime();
            if (now >= maxEnd) {
                break;
            }
            if (now >= nextCheck) {
                if (enough.getAsBoolean()) {
                    break;
                }
                nextCheck = now + 100_000_000L;
            }
            long due = (now - start) * rate / 1_000_000_000L;
            for (; submitted < due; submitted++) {
                long n = firstClient + submitted;
                SubnetId subnet = rack.subnets.get((int) (n % subnets));
                int client = (int) ((n / subnets) % 3_000);
                ClientMessage discover = ClientMessage.discover(Rack.client(client), TransactionId.of((int) n), Rack.SERVER,
                        null, Delivery.BROADCAST);
                CompletableFuture<Decision> d = rack.gateway.decide(subnet, discover).whenComplete((decision, failure) -> {
                    if (failure != null) {
                        failed.incrementAndGet();
                    } else {
                        decided.increment();
                    }
                });
                if (submitted % 1_000 == 0) {
                    all = CompletableFuture.allOf(all, d.handle((x, f) -> null));
                }
            }
            Thread.sleep(1);
        }
        return new Paced(all, submitted, (System.nanoTime() - start) / 1e9);
    }
}
