package io.leaseledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.leaseimport.LeaseFileToImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code leaseledger import-leases FILE [--again]}: a replaced server's lease file taken over by the running node, through its API. */
@Command(name = "import-leases", mixinStandardHelpOptions = true,
        description = {"Sends a replaced DHCP server's lease file to the running node (POST /api/v1/lease-imports, an"
                + " admin token), which takes its leases over as serve --import-leases does at start: Kea's memfile"
                + " (with the older files of its set beside it, as Kea loads them), ISC dhcpd's dhcpd.leases or"
                + " dnsmasq's lease file (dated by its modification time). Prints what was imported and why the rest"
                + " was not. A file imported before is not imported again unless --again.",
                "Exit code 0, 2 when refused (imported before, not a lease file, a token below admin), 3 when the API"
                        + " cannot be reached."})
final class ImportLeasesCommand extends ReadCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "The replaced server's lease file.") Path file;

    @Option(names = "--again", description = "Import a file imported before once more.") boolean again;

    @Override
    int run() throws ApiClient.Failure {
        LeaseFileToImport read;
        StringBuilder body = new StringBuilder();
        try {
            // Read here as serve reads it: a file that is no lease file is named before anything is sent.
            read = LeaseFileToImport.read(file, again);
            for (Path part : read.read()) {
                body.append(Files.readString(part, StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException | IOException e) {
            throw new ApiClient.Failure(2, e.getMessage());
        }
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("name", read.path().toString());
        query.put("again", again ? "true" : null);
        try {
            query.put("writtenAt", Files.getLastModifiedTime(read.path()).toInstant().toString());
        } catch (IOException e) {
            throw new ApiClient.Failure(2, "cannot read " + read.path() + ": " + e.getMessage());
        }
        JsonNode result = api.postText("/api/v1/lease-imports", query, body.toString());
        if (!printedJson(result)) {
            out().printf("imported %d of %d leases from %s (%s): %s%s%n", result.get("imported").asInt(),
                    result.get("leases").asInt(), read.describe(), ApiClient.text(result, "format"),
                    result.get("outcomes"), result.get("noSubnet").asInt() == 0 ? ""
                            : ", NO_SUBNET=" + result.get("noSubnet").asInt());
            result.get("notImported").forEach(line -> out().println("not imported: " + line.asText()));
            result.get("unreadable").forEach(line -> out().println("not read: " + line.asText()));
            if (result.get("more").asInt() > 0) {
                out().printf("... and %d more such lines (the node's log has them)%n", result.get("more").asInt());
            }
        }
        return 0;
    }
}
