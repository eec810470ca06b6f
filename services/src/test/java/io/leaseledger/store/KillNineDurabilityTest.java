package io.leaseledger.store;

import io.leaseledger.store.testing.Databases;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An acknowledged commit survives {@code kill -9} of the JVM: a child JVM commits commands and
 * reports each one after {@code sendAndWait} returned; we kill it with SIGKILL in the middle of
 * its stream of commits and count what the store holds. Here the store is an H2 file;
 * {@link KillNineDurabilityOnPostgresTest} runs the same with it in PostgreSQL.
 */
class KillNineDurabilityTest {
    /** The last complete "ACK n" line the child wrote, -1 before the first. */
    private static int lastAck(Path acks) throws java.io.IOException {
        if (!java.nio.file.Files.exists(acks)) {
            return -1;
        }
        String text = java.nio.file.Files.readString(acks, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return -1;
        }
        String[] lines = text.substring(0, end).split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith("ACK ")) {
                return Integer.parseInt(lines[i].substring(4).trim());
            }
        }
        return -1;
    }

    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path dataDirectory;

    /** Where the child commits and the test counts; called once per run. */
    StoreSettings store(Path dataDirectory) throws Exception {
        return StoreSettings.h2(dataDirectory);
    }

    @ParameterizedTest
    @EnumSource(Durability.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAcknowledgedCommitSurvivesKillNine(Durability durability) throws Exception {
        StoreSettings settings = store(dataDirectory);
        Path acks = dataDirectory.resolve("acks.txt");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Ddisable-axoniq-console-message=true",
                KillNineChild.class.getName(), settings.jdbcUrl(), settings.username(), durability.name(), "100000")
                .redirectOutput(acks.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (lastAck(acks) + 1 < ACKS_BEFORE_KILL && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // SIGKILL while the child keeps committing: no shutdown hook, no store close.
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        int lastAck = lastAck(acks);
        assertThat(lastAck + 1).isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (AxonStore reopened = AxonStore.start(settings, java.util.List.of(io.leaseledger.store.testing.Ledger.class))) {
            assertThat(Databases.committedEvents(settings, "l1")).isGreaterThanOrEqualTo(lastAck + 1L);
        }
    }
}
