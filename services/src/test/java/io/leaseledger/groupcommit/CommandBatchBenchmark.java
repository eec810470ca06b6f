package io.leaseledger.groupcommit;

import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.DecideClientMessages;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of one decision as a function of the batch size: DecideClientMessages with N
 * DISCOVERs from new clients, sent straight to the command gateway on one thread (no mailbox,
 * no snapshots), H2 file, default durability. 16,000 decisions per size, the first 4,000 not
 * counted. A main, not a test:
 * <pre>
 * java -cp services/target/test-classes:services/target/classes:... io.leaseledger.groupcommit.CommandBatchBenchmark
 * </pre>
 */
public final class CommandBatchBenchmark {
    private CommandBatchBenchmark() {}

    public static void main(String[] args) throws Exception {
        for (int size : new int[] {1, 8, 32, 128, 512}) {
            Path dir = Files.createTempDirectory("leaseledger-batch");
            StoreSettings settings = StoreSettings.h2(dir).withSnapshots(StoreSettings.Snapshots.DISABLED);
            try (AxonStore store = AxonStore.start(settings, SubnetFixture.aggregates())) {
                SubnetFixture.define(store, Instant.now());
                int client = 0;
                long nanos = 0;
                int counted = 0;
                for (int round = 0; round < 16_000 / size; round++) {
                    List<ClientMessage> messages = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        messages.add(SubnetFixture.discover(client++));
                    }
                    long t0 = System.nanoTime();
                    List<Decision> decisions = store.commandGateway().sendAndWait(
                            new DecideClientMessages(SubnetFixture.SUBNET, messages, Instant.now()));
                    long elapsed = System.nanoTime() - t0;
                    if (round * size >= 4_000) {
                        nanos += elapsed;
                        counted += decisions.size();
                    }
                }
                System.out.printf("batch %3d: %6.1f us/decision, %6.0f decisions/s%n", size,
                        nanos / 1e3 / counted, counted / (nanos / 1e9));
            }
        }
    }
}
