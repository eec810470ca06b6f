package io.leaseledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leaseledger backup [--list]}: an online backup of the running node's event store, through its API. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Has the running node back up its embedded H2 event store now, while it serves "
                + "(POST /api/v1/backups, an admin token), into its store.backup-directory, and prints the file.",
                "--list: the backups there, newest first. Restore one with: leaseledger restore.",
                "Exit code 0, 2 when refused (a PostgreSQL store: use pg_dump; a token below admin), 3 when the API"
                        + " cannot be reached."})
final class BackupCommand extends ReadCommand {
    @Option(names = "--list", description = "List the backups instead of taking one.") boolean list;

    @Override
    int run() throws ApiClient.Failure {
        if (list) {
            JsonNode backups = api.get("/api/v1/backups", ApiClient.query());
            if (!printedJson(backups)) {
                Table table = new Table("TAKEN", "BYTES", "FILE");
                backups.forEach(b -> table.row(ApiClient.text(b, "taken"), ApiClient.text(b, "bytes"), ApiClient.text(b, "file")));
                print(table);
            }
            return 0;
        }
        JsonNode backup = api.post("/api/v1/backups");
        if (!printedJson(backup)) {
            out().printf("backed up to %s (%,d bytes, taken %s)%n", ApiClient.text(backup, "file"),
                    backup.get("bytes").asLong(), ApiClient.text(backup, "taken"));
        }
        return 0;
    }
}
