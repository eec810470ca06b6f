package io.leaseledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leaseledger log}: the transaction log, newest first. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Every decision, newest first: offers, grants, NAKs with their reason, declines, releases, expiries.")
final class LogCommand extends ReadCommand {
    @Option(names = "--subnet", paramLabel = "CIDR") String subnet;
    @Option(names = "--mac", paramLabel = "MAC") String mac;
    @Option(names = "--address", paramLabel = "ADDRESS") String address;
    @Option(names = "--decision", description = "offer, grant, nak, decline, release, expiry, offer-withdrawn, probation-ended, pool-exhausted, observed-in-use, foreign-server")
    String decision;
    @Option(names = "--from", paramLabel = "TIME") String from;
    @Option(names = "--to", paramLabel = "TIME") String to;
    @Option(names = "--limit", defaultValue = "50", description = "Most rows (default ${DEFAULT-VALUE}).") int limit;

    @Override
    int run() throws ApiClient.Failure {
        JsonNode page = api.get("/api/v1/log", ApiClient.query("subnet", subnet, "mac", mac, "address", address,
                "decision", decision, "from", from, "to", to, "limit", limit));
        if (!printedJson(page.get("items"))) {
            Table table = new Table("TIME", "SUBNET", "DECISION", "ADDRESS", "MAC", "HOSTNAME", "RELAY", "DETAIL");
            page.get("items").forEach(e -> table.row(ApiClient.text(e, "at"), ApiClient.text(e, "subnet"),
                    ApiClient.text(e, "decision").toLowerCase(java.util.Locale.ROOT), ApiClient.text(e, "address"),
                    ApiClient.text(e, "mac"), ApiClient.text(e, "hostname"), ApiClient.text(e, "relay"),
                    ApiClient.text(e, "detail")));
            print(table);
        }
        return 0;
    }
}
