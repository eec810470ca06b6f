package io.leaseledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leaseledger.store.testing.Databases;
import io.leaseledger.subnet.Subnet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of imported lease files, beside the events, on H2 and on PostgreSQL. */
class ImportedLeaseFilesTest {
    private static final String SHA = "9f".repeat(32);
    private static final Instant FIRST = Instant.parse("2026-12-03T19:00:00Z");

    @TempDir
    Path dir;

    @Test
    void aFileIsKnownOnceRecordedAndARecordAgainKeepsTheLatestOnH2() {
        try (AxonStore store = AxonStore.start(Databases.h2(dir), List.of(Subnet.class))) {
            recordsAndReplaces(store);
        }
        try (AxonStore reopened = AxonStore.start(Databases.h2(dir), List.of(Subnet.class))) {
            assertThat(new ImportedLeaseFiles(reopened.dataSource()).importedAt(SHA)).as("kept across a restart")
                    .contains(FIRST.plusSeconds(60));
        }
    }

    @Test
    void theSameOnPostgres() throws Exception {
        assumeTrue(Databases.postgresReachable(), "no PostgreSQL on 127.0.0.1:5432 (.ci/start-postgres starts it)");
        StoreSettings settings = Databases.postgres();
        try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class))) {
            recordsAndReplaces(store);
        } finally {
            Databases.dropPostgresSchema(settings);
        }
    }

    private static void recordsAndReplaces(AxonStore store) {
        ImportedLeaseFiles files = new ImportedLeaseFiles(store.dataSource());
        assertThat(files.importedAt(SHA)).isEmpty();

        files.record(SHA, "/var/lib/kea/kea-leases4.csv", FIRST, 212);
        assertThat(files.importedAt(SHA)).contains(FIRST);
        assertThat(files.importedAt("00".repeat(32))).isEmpty();

        files.record(SHA, "/var/lib/kea/kea-leases4.csv", FIRST.plusSeconds(60), 3);
        assertThat(files.importedAt(SHA)).contains(FIRST.plusSeconds(60));
        assertThat(new ImportedLeaseFiles(store.dataSource()).importedAt(SHA)).as("a second instance, same table")
                .contains(FIRST.plusSeconds(60));
    }
}
