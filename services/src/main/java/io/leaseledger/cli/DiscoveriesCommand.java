package io.leaseledger.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leaseledger discoveries}: the devices heard on the served links (network discovery), from the node's projections. */
@Command(name = "discoveries", mixinStandardHelpOptions = true,
        description = {"Lists the devices heard by ARP on the served links, by subnet and address, with what the server "
                + "knows of each (a reservation, a lease, or nothing: --unknown).",
                "Exit code 0, 2 on bad arguments or a refused token, 3 when the API cannot be reached."},
        subcommands = DiscoveriesCommand.Clear.class)
final class DiscoveriesCommand extends ReadCommand {
    /** {@code leaseledger discoveries clear}: devices dropped from the list (DELETE /api/v1/discoveries). */
    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = {"Clears devices from the list (MAAS: clear discoveries): all, or those of a subnet, a MAC and/or"
                    + " an address. The event log keeps their records and that they were cleared; a device still on the"
                    + " link is listed again when next heard. Needs an operator token.",
                    "Exit code 0, 1 when no served subnet matches, 2 on bad arguments or a refused token, 3 when the API"
                            + " cannot be reached."})
    static final class Clear extends ReadCommand {
        @Option(names = "--subnet", paramLabel = "CIDR") String subnet;
        @Option(names = "--mac", paramLabel = "MAC") String mac;
        @Option(names = "--address", paramLabel = "ADDRESS") String address;

        @Override
        int run() throws ApiClient.Failure {
            var cleared = api.delete("/api/v1/discoveries", ApiClient.query("subnet", subnet, "mac", mac, "address", address));
            if (!printedJson(cleared)) {
                List<String> subnets = new ArrayList<>();
                cleared.get("subnets").forEach(s -> subnets.add(s.asText()));
                out().println("cleared " + (mac == null && address == null ? "every device" : "the devices of"
                        + (mac == null ? "" : " " + mac) + (address == null ? "" : " at " + address))
                        + " on " + (subnets.isEmpty() ? "no subnet" : String.join(", ", subnets)));
            }
            return 0;
        }
    }

    @Option(names = "--subnet", paramLabel = "CIDR") String subnet;
    @Option(names = "--mac", paramLabel = "MAC") String mac;
    @Option(names = "--unknown", description = "Only devices neither reserved nor leased.") boolean unknown;
    @Option(names = "--limit", defaultValue = "100", description = "Rows per page (default ${DEFAULT-VALUE}).") int limit;
    @Option(names = "--all", description = "Follow every page.") boolean all;

    @Override
    int run() throws ApiClient.Failure {
        Listing listing = listing("/api/v1/discoveries", ApiClient.query("subnet", subnet, "mac", mac, "unknown", unknown ? "true" : null), limit, all);
        ArrayNode items = listing.items();
        if (!printedJson(items)) {
            Table table = new Table("SUBNET", "ADDRESS", "MAC", "KNOWN", "HOSTNAME", "MDNS NAME", "FIRST SEEN", "LAST SEEN",
                    "IFACE");
            items.forEach(d -> table.row(ApiClient.text(d, "subnet"), ApiClient.text(d, "address"), ApiClient.text(d, "mac"),
                    d.get("known").isNull() ? "unknown" : d.get("known").asText().toLowerCase(Locale.ROOT),
                    ApiClient.text(d, "hostname"), ApiClient.text(d, "mdnsHostname"), ApiClient.text(d, "firstSeen"),
                    ApiClient.text(d, "lastSeen"), ApiClient.text(d, "iface")));
            print(table);
        }
        if (listing.more()) {
            err().println("(more devices: --all, or a larger --limit)");
        }
        return 0;
    }
}
