package io.leaseledger.groupcommit;

import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.DecideClientMessages;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of one decision as a function of the batch size: DORAs of new clients as
 * DecideClientMessages commands — N DISCOVERs, then the N REQUESTs for the offered addresses —
 * sent straight to the command gateway on one thread (no mailbox, no network, no snapshots), H2
 * file, default durability. Per size, {@code rounds} DORAs after a warm-up of the same length.
 * Reports wall time and this thread's CPU time per decision: the CPU figure holds even when other
 * work shares the machine. A main, not a test:
 * <pre>
 * java -cp services/target/test-classes:services/target/classes:... io.leaseledger.groupcommit.CommandBatchBenchmark [DORAS] [SIZE...]
 * </pre>
 */
public final class CommandBatchBenchmark {
    private CommandBatchBenchmark() {}

    public static void main(String[] args) throws Exception {
        int doras = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int[] sizes = args.length > 1
                ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1, 8, 32, 128, 512};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int size : sizes) {
            Path dir = Files.createTempDirectory("leaseledger-batch");
            StoreSettings settings = StoreSettings.h2(dir).withSnapshots(StoreSettings.Snapshots.DISABLED);
            try (AxonStore store = AxonStore.start(settings, SubnetFixture.aggregates())) {
                SubnetFixture.define(store, Instant.now());
                int client = 0;
                long nanos = 0;
                long cpuNanos = 0;
                int counted = 0;
                for (int round = 0; round < 2 * doras / size; round++) {
                    List<ClientMessage> discovers = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        discovers.add(SubnetFixture.discover(client + i));
                    }
                    long t0 = System.nanoTime();
                    long c0 = threads.getCurrentThreadCpuTime();
                    List<Decision> offers = decide(store, discovers);
                    List<ClientMessage> requests = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        requests.add(SubnetFixture.request(client + i, ((Decision.Offer) offers.get(i)).address()));
                    }
                    List<Decision> acks = decide(store, requests);
                    long elapsed = System.nanoTime() - t0;
                    long cpu = threads.getCurrentThreadCpuTime() - c0;
                    if (!(acks.getLast() instanceof Decision.Ack)) {
                        throw new IllegalStateException("expected an ACK, got " + acks.getLast());
                    }
                    client += size;
                    if (round >= doras / size) {
                        nanos += elapsed;
                        cpuNanos += cpu;
                        counted += offers.size() + acks.size();
                    }
                }
                System.out.printf("batch %3d: %6.1f us/decision wall, %6.1f us/decision CPU, %6.0f decisions/s%n", size,
                        nanos / 1e3 / counted, cpuNanos / 1e3 / counted, counted / (nanos / 1e9));
            }
        }
    }

    private static List<Decision> decide(AxonStore store, List<ClientMessage> messages) {
        return store.commandGateway().sendAndWait(
                new DecideClientMessages(SubnetFixture.SUBNET, messages, Instant.now()));
    }
}
