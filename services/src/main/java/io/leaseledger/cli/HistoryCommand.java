package io.leaseledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leaseledger history ADDRESS|MAC [--at TIME]}: who held an address, or what a client held. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"The history of an address (every client that held it, across renewals, releases, expiries)",
                "or of a client by MAC (every address it held). With --at, only what held at that instant.",
                "Exit code 0, 1 when --at finds nobody, 2 on bad arguments, 3 when the API cannot be reached."})
final class HistoryCommand extends ReadCommand {
    @Parameters(paramLabel = "ADDRESS|MAC", description = "198.18.3.7 or 52:54:00:12:34:56")
    String target;

    @Option(names = "--at", paramLabel = "TIME", description = "An ISO-8601 instant, e.g. 2026-11-24T14:03:00Z.")
    String at;

    @Override
    int run() throws ApiClient.Failure {
        boolean client = target.contains(":") || target.chars().filter(c -> c == '-').count() >= 5;
        String path = (client ? "/api/v1/history/clients/" : "/api/v1/history/addresses/") + target;
        JsonNode answer = api.get(path, ApiClient.query("at", at));
        JsonNode rows = at == null ? answer : answer.get("holdings");
        if (!printedJson(answer)) {
            Table table = new Table(client ? "ADDRESS" : "MAC", "SUBNET", "KIND", "FROM", "TO", "EXPIRES", "RENEWALS",
                    "ENDED-BY", "HOSTNAME");
            rows.forEach(h -> table.row(ApiClient.text(h, client ? "address" : "mac"), ApiClient.text(h, "subnet"),
                    ApiClient.text(h, "kind").toLowerCase(java.util.Locale.ROOT), ApiClient.text(h, "from"),
                    ApiClient.text(h, "to"), ApiClient.text(h, "expiresAt"), ApiClient.text(h, "renewals"),
                    ApiClient.text(h, "endedBy").toLowerCase(java.util.Locale.ROOT), ApiClient.text(h, "hostname")));
            if (table.size() > 0) {
                print(table);
            } else {
                out().println(at == null ? "no history for " + target
                        : (client ? target + " held no address at " : "nobody held " + target + " at ") + at);
            }
        }
        return at != null && rows.isEmpty() ? 1 : 0;
    }
}
