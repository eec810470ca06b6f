package io.leaseledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leaseledger leases}: the current leases, from the node's projections. */
@Command(name = "leases", mixinStandardHelpOptions = true,
        description = {"Lists current leases (one row per address a client touched), by subnet and address.",
                "Exit code 0, 2 on bad arguments or a refused token, 3 when the API cannot be reached."})
final class LeasesCommand extends ReadCommand {
    @Option(names = "--subnet", paramLabel = "CIDR") String subnet;
    @Option(names = "--mac", paramLabel = "MAC") String mac;
    @Option(names = "--hostname") String hostname;
    @Option(names = "--state", description = "offered, bound, declined, released or expired") String state;
    @Option(names = "--limit", defaultValue = "100", description = "Rows per page (default ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--all", description = "Follow every page.") boolean all;

    @Override
    int run() throws ApiClient.Failure {
        Listing listing = listing("/api/v1/leases", ApiClient.query("subnet", subnet, "mac", mac, "hostname", hostname,
                "state", state), limit, all);
        ArrayNode items = listing.items();
        if (!printedJson(items)) {
            Table table = new Table("SUBNET", "ADDRESS", "STATE", "MAC", "HOSTNAME", "EXPIRES", "RELAY");
            items.forEach(l -> table.row(ApiClient.text(l, "subnet"), ApiClient.text(l, "address"),
                    ApiClient.text(l, "state").toLowerCase(java.util.Locale.ROOT), ApiClient.text(l, "mac"),
                    ApiClient.text(l, "hostname"), ApiClient.text(l, "expiresAt"), ApiClient.text(l, "relay")));
            print(table);
        }
        if (listing.more()) {
            err().println("(more leases: --all, or a larger --limit)");
        }
        return 0;
    }
}
