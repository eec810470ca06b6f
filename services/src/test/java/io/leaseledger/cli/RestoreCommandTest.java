package io.leaseledger.cli;

import io.leaseledger.config.ConfigurationApplier;
import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.SettingsView;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreBackups;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code restore --config FILE --from ZIP [--replace]}: a backup becomes the node's store again,
 * an existing store is moved aside only when asked (never deleted), and the projections are
 * rebuilt from what was restored.
 */
class RestoreCommandTest {
    private static final Instant NOW = Instant.parse("2026-12-03T16:30:00Z");

    @TempDir
    Path dir;

    private final ConsoleCapture console = new ConsoleCapture();

    @Test
    void aBackupReplacesTheStoreMovedAsideAndTheProjectionsAreRebuiltFromIt() throws Exception {
        Path config = Files.writeString(dir.resolve("node.yaml"), yaml("10m"));
        Path data = dir.resolve("data");
        StoreBackups.Backup backup;
        long eventsInBackup;
        try (AxonStore store = AxonStore.start(StoreSettings.h2(data), List.of(Subnet.class))) {
            apply(store, config);
            eventsInBackup = events(data);
            backup = new StoreBackups(store.dataSource(), store.settings().jdbcUrl(), data.resolve("backups"), 7,
                    Clock.fixed(NOW, ZoneOffset.UTC)).take();
            apply(store, Files.writeString(dir.resolve("edited.yaml"), yaml("20m"))); // after the backup
        }
        long eventsBefore = events(data);
        assertThat(eventsBefore).isGreaterThan(eventsInBackup);

        assertThat(run("--config", config.toString(), "--from", backup.file().toString())).isEqualTo(2);
        assertThat(errors()).contains("a store exists at " + data.resolve("events.mv.db")).contains("--replace");
        assertThat(events(data)).as("refused: the store untouched").isEqualTo(eventsBefore);

        assertThat(run("--config", config.toString(), "--from", backup.file().toString(), "--replace")).as(errors()).isZero();
        Path aside = data.resolve("events.mv.db.replaced-20261203T163000Z");
        assertThat(output()).contains("moved the store that was there to " + aside)
                .contains("restored " + backup.file() + " into " + data + ": " + eventsInBackup + " events")
                .contains("rebuilt the projections leases, history, log from " + eventsInBackup + " events");
        assertThat(aside).exists();
        assertThat(events(data)).isEqualTo(eventsInBackup);
    }

    @Test
    void whatIsNoBackupIsRefusedAndNoStoreIsLeftBehind() throws Exception {
        Path config = Files.writeString(dir.resolve("node.yaml"), yaml("10m"));
        Path notABackup = Files.writeString(dir.resolve("notes.zip"), "not a zip");

        assertThat(run("--config", config.toString(), "--from", notABackup.toString())).isEqualTo(2);
        assertThat(errors()).contains("cannot restore");
        assertThat(dir.resolve("data").resolve("events.mv.db")).doesNotExist();
        assertThat(run("--config", config.toString(), "--from", dir.resolve("missing.zip").toString())).isEqualTo(2);
    }

    private void apply(AxonStore store, Path config) throws Exception {
        SettingsView view = new SettingsView();
        store.replayAll(event -> {
            if (event instanceof io.leaseledger.events.subnet.SubnetEvent e) {
                view.on(e);
            }
        });
        ConfigurationApplier.apply(view, new ConfigurationLoader(HostInterfaces.ANY).load(config), store.commandGateway(), NOW);
    }

    private static long events(Path data) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("events"), "sa", "");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM domainevententry")) {
            r.next();
            return r.getLong(1);
        }
    }

    private String yaml(String leaseTime) {
        return """
                server:
                  bind: [127.0.0.1]
                  port: 16770
                store:
                  kind: h2
                  path: %s
                subnets:
                  - cidr: 198.18.0.0/24
                    lease-time: %s
                    ranges:
                      - {start: 198.18.0.100, end: 198.18.0.199, kind: dynamic}
                """.formatted(dir.resolve("data"), leaseTime);
    }

    private int run(String... args) {
        return console.run(new RestoreCommand(console.out(), Clock.fixed(NOW, ZoneOffset.UTC)), args);
    }

    private String output() {
        return console.output();
    }

    private String errors() {
        return console.errors();
    }
}
