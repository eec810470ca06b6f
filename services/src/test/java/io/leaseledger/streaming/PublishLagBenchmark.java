package io.leaseledger.streaming;

import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.Delivery;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.events.types.TransactionId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publish lag under a sustained load: DISCOVERs paced at {@code rate} per second (each commits one
 * {@code LeaseOffered}) through the real group-commit path into four subnets on an H2 file; the
 * publisher sends every event to a real broker in this JVM. After a warm-up, the lag of every
 * event (its timestamp, taken just before its commit → the broker's acknowledgement) is
 * recorded until the load stops and the backlog is drained. Bounded: warm-up + duration, then
 * at most 60 s of drain.
 *
 * <p>Not a unit test: without {@code -Dbench.lag} it skips itself. Run:
 * <pre>
 * ./mvnw -B -q -pl services -am test -Dtest=PublishLagBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfuzz.skip=true -Dbench.lag=true -Dbench.rate=10000 -Dbench.seconds=30
 * </pre>
 */
class PublishLagBenchmark {

    @Test
    void run() throws Exception {
        Assumptions.assumeTrue(System.getProperty("bench.lag") != null, "a benchmark, not a test: run it with -Dbench.lag=true");
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
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"));
             Rack rack = new Rack(dir.resolve("rack")).withSubnets(4);
             KafkaPublisher publisher = Publishing.start(broker.configuration(), "bench", rack.store)) {
            long before = rack.storedEvents().size();
            AtomicLong failed = new AtomicLong();
            LongAdder decided = new LongAdder();

            Thread monitor = Thread.ofPlatform().daemon().start(() -> {
                try {
                    while (true) {
                        Thread.sleep(1_000);
                        PublisherStatus st = publisher.status();
                        System.out.printf(Locale.ROOT, "  acknowledged %,d, head %,d, position %,d, in flight %,d, oldest unacknowledged %.1f ms, p99 %.1f ms%n",
                                st.acknowledged(), st.head(), st.position(), st.inFlight(), st.oldestUnacknowledgedMicros() / 1e3,
                                st.lagP99Micros() / 1e3);
                    }
                } catch (InterruptedException stop) {
                    // done
                }
            });
            pace(rack, rate, warmUp, 0, failed, decided);
            publisher.lags().reset();
            long measuredFrom = rack.storedEvents().size();
            long start = System.nanoTime();
            CompletableFuture<Void> last = pace(rack, rate, duration, rate * warmUp.toSeconds(), failed, decided);
            double seconds = (System.nanoTime() - start) / 1e9;
            last.get(60, TimeUnit.SECONDS);
            long measuredTo = rack.storedEvents().size();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (publisher.status().backlog() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            monitor.interrupt();
            LagHistogram lags = publisher.lags();
            PublisherStatus status = publisher.status();
            System.out.printf(Locale.ROOT, "publish lag: target %,d events/s for %.1f s: %,d events committed (%,.0f events/s), "
                            + "%,d decisions, %d failed; lag of %,d events acknowledged: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, "
                            + "p99.9 %.1f ms, max %.1f ms; backlog after drain %d (events before load %d)%n",
                    rate, seconds, measuredTo - measuredFrom, (measuredTo - measuredFrom) / seconds, decided.sum(),
                    failed.get(), lags.count(), lags.percentileMicros(0.50) / 1e3, lags.percentileMicros(0.90) / 1e3,
                    lags.percentileMicros(0.99) / 1e3, lags.percentileMicros(0.999) / 1e3, lags.maxMicros() / 1e3,
                    status.backlog(), before);
        }
    }

    /**
     * Submits DISCOVERs at {@code rate}/s for {@code duration}, spread over the subnets, clients
     * cycling through 3,000 per subnet (a repeated DISCOVER is offered again). Returns when the
     * last is submitted; the future completes when every decision has.
     */
    private static CompletableFuture<Void> pace(Rack rack, int rate, Duration duration, long firstClient,
                                                AtomicLong failed, LongAdder decided) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long submitted = 0;
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        int subnets = rack.subnets.size();
        while (System.nanoTime() < end) {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
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
        return all;
    }
}
