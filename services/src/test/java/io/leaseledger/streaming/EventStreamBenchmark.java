package io.leaseledger.streaming;

import io.leaseledger.events.subnet.Decision;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * What one {@code GET /api/v1/events} stream costs the node: a store of DORAs written through the
 * real group-commit path into 12 subnets on an H2 file, then a cursor read from the beginning to
 * the end, five times each way — every event (a stream with no filter), and with a subnet
 * filter no event passes (its rows are never parsed) — with the wall time and the reading
 * thread's CPU per event. Bounded: the load and the reads have fixed sizes.
 *
 * <p>Not a unit test: without {@code -Dbench.streams} it skips itself (docs/benchmarks.md, "Event stream"):
 * <pre>
 * ./mvnw -B -q -pl services -am test -Dtest=EventStreamBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfuzz.skip=true -Dbench.streams=true -Dbench.clients=4000
 * </pre>
 */
class EventStreamBenchmark {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int SUBNETS = 12; // Rack.withSubnets: at most 15 /20s in 198.18.0.0/16
    private static final int RUNS = 5;

    @Test
    void run() throws Exception {
        Assumptions.assumeTrue(System.getProperty("bench.streams") != null,
                "a benchmark, not a test: run it with -Dbench.streams=true");
        int clients = Integer.getInteger("bench.clients", 4_000); // a subnet's pool holds 4,081
        Path dir = Files.createTempDirectory("leaseledger-stream-bench");
        try (Rack rack = new Rack(dir).withSubnets(SUBNETS)) {
            long t0 = System.nanoTime();
            for (int first = 0; first < clients; first += 500) {
                List<CompletableFuture<Decision>> acks = rack.load(first, Math.min(500, clients - first));
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
            }
            long events = rack.eventCount();
            System.out.printf(Locale.ROOT, "wrote %,d events (%,d DORAs on %d subnets) in %.1f s%n", events,
                    clients * (long) SUBNETS, SUBNETS, (System.nanoTime() - t0) / 1e9);
            try (EventStreams streams = new EventStreams(rack.store, "rack-1")) {
                for (int run = 1; run <= RUNS; run++) {
                    read(streams, StreamFilter.EVERYTHING, events, "every event", run);
                    read(streams, StreamFilter.of(List.of("198.19.0.0/24"), null, List.of()), events,
                            "a subnet no event is of", run);
                }
            }
        }
    }

    private static void read(EventStreams streams, StreamFilter filter, long events, String what, int run)
            throws Exception {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long sent = 0;
        try (EventStreams.Cursor cursor = streams.open(filter, EventStreams.start("beginning"))) {
            String end = null;
            while (!String.valueOf(events).equals(end)) {
                // A short wait: next() returns after its reads, not after a wait for events that will not come.
                List<EventStreams.Item> items = cursor.next(Duration.ofMillis(1));
                sent += items.size();
                end = cursor.position();
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuMicros = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e3;
        System.out.printf(Locale.ROOT, "run %d, %s: %,d of %,d events sent in %.2f s, %,.0f events/s, %.1f µs CPU per event%n",
                run, what, sent, events, seconds, events / seconds, cpuMicros / events);
    }
}
