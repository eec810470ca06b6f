package io.leaseledger.store;

import io.leaseledger.store.testing.Databases;
import io.leaseledger.store.testing.Ledger;
import io.leaseledger.store.testing.LedgerCommands.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Online backups of the H2 event store: taken while the store is open and written to, whole or
 * not at all, the oldest beyond the count deleted, and a backup restored is the store as it was.
 */
class StoreBackupsTest {
    private static final Instant T0 = Instant.parse("2026-12-03T16:00:00Z");

    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    @Test
    void aBackupTakenWhileTheStoreIsOpenRestoresToTheEventsCommittedBeforeIt() throws Exception {
        StoreSettings settings = StoreSettings.h2(dir.resolve("data"));
        StoreBackups.Backup backup;
        try (AxonStore store = AxonStore.start(settings, List.of(Ledger.class))) {
            record(store, 25);
            StoreBackups backups = new StoreBackups(store.dataSource(), settings.jdbcUrl(), dir.resolve("backups"), 7, clock);
            backup = backups.take();
            record(store, 5); // after the backup: not in it
            assertThat(backup.file()).hasFileName("events-20261203T160000.000Z.zip").exists();
            assertThat(backup.bytes()).isEqualTo(Files.size(backup.file())).isPositive();
            assertThat(backup.taken()).isEqualTo(T0);
            assertThat(backups.list()).containsExactly(backup);
            try (var files = Files.list(dir.resolve("backups"))) {
                assertThat(files).as("no partial file left").containsExactly(backup.file());
            }
        }
        Path restored = dir.resolve("restored");
        StoreBackups.restore(backup.file(), restored);
        assertThat(Databases.committedEvents(StoreSettings.h2(restored), "l1")).isEqualTo(25);
        assertThat(Databases.committedEvents(settings, "l1")).as("the original store, untouched").isEqualTo(30);
    }

    /**
     * Writers commit to four ledgers throughout the backup: what the backup holds is every event
     * acknowledged before it began, and of each ledger a whole prefix of its stream (sequence
     * numbers 0..n-1, no hole), as a crash at one instant would leave it.
     */
    @Test
    void aBackupTakenUnderWritesIsTransactionallyConsistent() throws Exception {
        StoreSettings settings = StoreSettings.h2(dir.resolve("data"));
        StoreBackups.Backup backup;
        long acknowledgedBefore;
        try (AxonStore store = AxonStore.start(settings, List.of(Ledger.class))) {
            var acknowledged = new java.util.concurrent.atomic.AtomicLong();
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            List<Thread> writers = new java.util.ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String ledger = "w" + w;
                writers.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 20_000 && !stop.get(); i++) { // bounded: stops by itself
                        store.commandGateway().sendAndWait(new Record(ledger, List.of("e" + i, "f" + i), Instant.EPOCH));
                        acknowledged.addAndGet(2);
                    }
                }));
            }
            while (acknowledged.get() < 400) {
                Thread.sleep(5);
            }
            acknowledgedBefore = acknowledged.get();
            backup = new StoreBackups(store.dataSource(), settings.jdbcUrl(), dir.resolve("backups"), 7, clock).take();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join(60_000);
            }
        }
        Path restored = dir.resolve("restored");
        StoreBackups.restore(backup.file(), restored);
        long total = 0;
        try (var c = java.sql.DriverManager.getConnection(StoreSettings.h2(restored).jdbcUrl(), "sa", "");
             var s = c.createStatement();
             var r = s.executeQuery("SELECT aggregateidentifier, COUNT(*), MIN(sequencenumber), MAX(sequencenumber)"
                     + " FROM domainevententry GROUP BY aggregateidentifier")) {
            while (r.next()) {
                assertThat(r.getLong(3)).as("first sequence of %s", r.getString(1)).isZero();
                assertThat(r.getLong(4)).as("no hole in %s", r.getString(1)).isEqualTo(r.getLong(2) - 1);
                assertThat(r.getLong(2) % 2).as("no command's two events split in %s", r.getString(1)).isZero();
                total += r.getLong(2);
            }
        }
        assertThat(total).as("events in the backup").isGreaterThanOrEqualTo(acknowledgedBefore);
    }

    @Test
    void scheduledBackupsAreTakenUntilClosedAndCounted() throws Exception {
        StoreSettings settings = StoreSettings.h2(dir.resolve("data"));
        try (AxonStore store = AxonStore.start(settings, List.of(Ledger.class));
             StoreBackups backups = new StoreBackups(store.dataSource(), settings.jdbcUrl(), dir.resolve("backups"), 0,
                     Clock.systemUTC())) {
            record(store, 3);
            backups.every(Duration.ofMillis(300));
            for (int i = 0; i < 200 && backups.record().taken() < 2; i++) { // at most 10 s
                Thread.sleep(50);
            }
            backups.close();
            long taken = backups.record().taken();
            assertThat(taken).isGreaterThanOrEqualTo(2);
            assertThat(backups.list()).hasSize((int) taken);
            assertThat(backups.record().lastTaken()).isEqualTo(backups.list().getFirst().taken());
            assertThat(backups.record().lastBytes()).isEqualTo(backups.list().getFirst().bytes());
            Thread.sleep(700);
            assertThat(backups.record().taken()).as("none after close").isEqualTo(taken);
        }
    }

    @Test
    void theOldestBackupsBeyondTheCountAreDeleted() throws Exception {
        StoreSettings settings = StoreSettings.h2(dir.resolve("data"));
        try (AxonStore store = AxonStore.start(settings, List.of(Ledger.class))) {
            record(store, 3);
            StoreBackups backups = new StoreBackups(store.dataSource(), settings.jdbcUrl(), dir.resolve("backups"), 2, clock);
            StoreBackups.Backup first = backups.take();
            now.set(T0.plus(Duration.ofDays(1)));
            StoreBackups.Backup second = backups.take();
            now.set(T0.plus(Duration.ofDays(2)));
            StoreBackups.Backup third = backups.take();

            assertThat(backups.list()).containsExactly(third, second);
            assertThat(first.file()).doesNotExist();
        }
    }

    @Test
    void aRestoreWritesNoStoreOverAnotherAndRefusesWhatIsNoBackup() throws Exception {
        StoreSettings settings = StoreSettings.h2(dir.resolve("data"));
        StoreBackups.Backup backup;
        try (AxonStore store = AxonStore.start(settings, List.of(Ledger.class))) {
            record(store, 2);
            backup = new StoreBackups(store.dataSource(), settings.jdbcUrl(), dir.resolve("backups"), 0, clock).take();
        }
        assertThatThrownBy(() -> StoreBackups.restore(backup.file(), dir.resolve("data")))
                .hasMessageContaining("exists: a restore writes no store over another");
        Path notABackup = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        assertThatThrownBy(() -> StoreBackups.restore(notABackup, dir.resolve("elsewhere")))
                .hasMessageContaining("cannot restore");
    }

    @Test
    void aBackupThatCannotBeWrittenFailsTypedAndLeavesNothing() throws Exception {
        StoreSettings settings = StoreSettings.h2(dir.resolve("data"));
        Path notADirectory = Files.writeString(dir.resolve("backups"), "a file where the directory should be");
        try (AxonStore store = AxonStore.start(settings, List.of(Ledger.class))) {
            record(store, 1);
            StoreBackups backups = new StoreBackups(store.dataSource(), settings.jdbcUrl(), notADirectory, 7, clock);

            assertThatThrownBy(backups::take).isInstanceOfSatisfying(StoreBackups.BackupFailed.class,
                    e -> assertThat(e.unsupported()).isFalse()).hasMessageContaining("the backup to");
            assertThat(backups.list()).isEmpty();
            assertThat(backups.record()).isEqualTo(new StoreBackups.Record(0, 1, null, 0));
            record(store, 1); // the store goes on
        }
        assertThat(Databases.committedEvents(settings, "l1")).isEqualTo(2);
    }

    @Test
    void aPostgresqlStoreIsRefusedNamingItsOwnTools() {
        StoreBackups backups = new StoreBackups(null, "jdbc:postgresql://127.0.0.1/leaseledger", dir.resolve("backups"), 7, clock);

        assertThatThrownBy(backups::take).isInstanceOfSatisfying(StoreBackups.BackupFailed.class,
                e -> assertThat(e.unsupported()).isTrue()).hasMessageContaining("PostgreSQL").hasMessageContaining("pg_dump");
        assertThat(dir.resolve("backups")).doesNotExist();
    }

    private static void record(AxonStore store, int events) {
        for (int i = 0; i < events; i++) {
            store.commandGateway().sendAndWait(new Record("l1", List.of("entry-" + i), Instant.EPOCH));
        }
    }
}
