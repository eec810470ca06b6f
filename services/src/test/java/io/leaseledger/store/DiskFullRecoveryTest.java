package io.leaseledger.store;

import io.leaseledger.it.harness.DiskFiller;
import io.leaseledger.it.harness.PowerCutDisk;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.store.testing.Databases;
import io.leaseledger.store.testing.Ledger;
import io.leaseledger.store.testing.LedgerCommands.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The H2 event store outlives a full disk: while the disk is full every command fails (nothing
 * is acknowledged that is not written), and once space is back the same running store commits
 * again, with every acknowledged event kept. H2 closes its whole database at the first failed
 * write and answers "the database has been closed" from then on; without
 * {@link ClosedH2DatabaseEviction} the pool kept those dead connections and the store never
 * committed again until the process was restarted.
 *
 * <p>Needs root and loop devices: the store is on an ext4 of its own ({@link PowerCutDisk},
 * here only for its small private file system), filled by {@link DiskFiller}.
 */
class DiskFullRecoveryTest {
    private static final int ACKS_BEFORE_FULL = 50;
    private static final int FAILURES_WHILE_FULL = 5;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aStoreWhoseDiskRanFullCommitsAgainOnceThereIsRoomAndKeepsWhatItAcknowledged() throws Exception {
        Requirements.assumeRootAndTools("fallocate");
        PowerCutDisk.assumeAvailable();
        Path mountPoint = Files.createDirectory(dir.resolve("disk"));
        try (PowerCutDisk disk = PowerCutDisk.mountOver(mountPoint, dir.resolve("disk.ext4"), 64L * 1024 * 1024)) {
            StoreSettings settings = StoreSettings.h2(mountPoint.resolve("data"));
            String padding = "x".repeat(1000);
            long acknowledged = 0;
            try (AxonStore store = AxonStore.start(settings, List.of(Ledger.class))) {
                for (int i = 0; i < ACKS_BEFORE_FULL; i++) {
                    store.commandGateway().sendAndWait(new Record("l1", List.of("before-" + i + padding), Instant.EPOCH));
                    acknowledged++;
                }

                DiskFiller filler = DiskFiller.fill(mountPoint.resolve("filler"));
                int failures = 0;
                for (int i = 0; i < 10_000 && failures < FAILURES_WHILE_FULL; i++) {
                    try {
                        store.commandGateway().sendAndWait(new Record("l1", List.of("while-full-" + i + padding), Instant.EPOCH));
                        acknowledged++; // H2 still had room inside its file for this one
                    } catch (RuntimeException expected) {
                        failures++;
                    }
                }
                assertThat(failures).as("commands refused while the disk is full").isEqualTo(FAILURES_WHILE_FULL);
                assertThatThrownBy(() -> store.commandGateway().sendAndWait(new Record("l1", List.of("still-full"), Instant.EPOCH)))
                        .as("still full: still refused, not acknowledged").isInstanceOf(RuntimeException.class);

                filler.free();
                for (int i = 0; i < 20; i++) {
                    store.commandGateway().sendAndWait(new Record("l1", List.of("after-" + i), Instant.EPOCH));
                    acknowledged++;
                }
            }
            assertThat(Databases.committedEvents(settings, "l1"))
                    .as("every acknowledged event, after the disk ran full and the store went on")
                    .isGreaterThanOrEqualTo(acknowledged)
                    // a refused command may still have reached the file (its commit failed after the write): at most those
                    .isLessThanOrEqualTo(acknowledged + FAILURES_WHILE_FULL + 1);
        }
    }
}
