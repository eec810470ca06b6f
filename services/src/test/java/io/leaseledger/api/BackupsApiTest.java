package io.leaseledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.cli.RootCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code /api/v1/backups}: an admin has the serving node back up its event store and lists the
 * backups; the other roles are refused, since a backup holds every client's history.
 */
class BackupsApiTest extends RunningApi {
    @Test
    void anAdminTakesABackupWhileTheNodeServesAndFindsItListed() throws Exception {
        ApiNode.Reply taken = api.send("POST", "/api/v1/backups", api.admin, null);

        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        Path file = Path.of(taken.json().get("file").asText());
        assertThat(file).exists().hasParent(dir.resolve("data").resolve("backups").toAbsolutePath().normalize());
        assertThat(taken.json().get("bytes").asLong()).isEqualTo(Files.size(file));
        JsonNode listed = api.get("/api/v1/backups", api.admin).json();
        assertThat(listed).anySatisfy(b -> assertThat(b.get("file").asText()).isEqualTo(file.toString()));
        String metrics = api.get("/metrics", null).body();
        assertThat(metrics).containsPattern("leaseledger_backups_total\\{outcome=\"taken\"[^}]*} [1-9]")
                .contains("leaseledger_backup_last_bytes").contains("leaseledger_backup_last_taken_timestamp_seconds");
    }

    @Test
    void onlyAnAdminBacksUpOrLists() throws Exception {
        assertThat(api.send("POST", "/api/v1/backups", api.operator, null).status()).isEqualTo(403);
        assertThat(api.send("POST", "/api/v1/backups", api.readOnly, null).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/backups", api.operator).status()).isEqualTo(403);
        assertThat(api.send("POST", "/api/v1/backups", null, null).status()).isEqualTo(401);
    }

    @Test
    void theBackupCommandTakesOneThroughTheApiAndListsThem() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RootCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

        assertThat(cli.execute("backup", "--url", api.base.toString(), "--token", api.admin)).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("backed up to " + dir.resolve("data").resolve("backups").toAbsolutePath().normalize())
                .contains(" bytes, taken ");
        String file = out.toString().split(" ")[3];
        out.getBuffer().setLength(0);
        assertThat(cli.execute("backup", "--list", "--url", api.base.toString(), "--token", api.admin)).isZero();
        assertThat(out.toString()).startsWith("TAKEN").contains(file);
        assertThat(cli.execute("backup", "--url", api.base.toString(), "--token", api.readOnly))
                .as("a read-only token").isEqualTo(2);
    }
}
