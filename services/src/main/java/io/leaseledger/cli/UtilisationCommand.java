package io.leaseledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

/** {@code leaseledger utilisation}: MAAS's subnet utilisation, per subnet and range. */
@Command(name = "utilisation", mixinStandardHelpOptions = true,
        description = "Subnet utilisation as MAAS defines it (addresses, available, used %%), the dynamic pool, and every range.")
final class UtilisationCommand extends ReadCommand {
    @Override
    int run() throws ApiClient.Failure {
        JsonNode subnets = api.get("/api/v1/utilisation", ApiClient.query());
        if (printedJson(subnets)) {
            return 0;
        }
        Table table = new Table("SUBNET", "MANAGED", "ADDRESSES", "AVAILABLE", "USED%", "POOL", "POOL-IN-USE");
        Table ranges = new Table("SUBNET", "RANGE", "KIND", "SIZE", "IN-USE", "FREE", "USED%");
        subnets.forEach(s -> {
            table.row(ApiClient.text(s, "subnet") + (s.get("removed").asBoolean() ? " (removed)" : ""),
                    ApiClient.text(s, "managed"), ApiClient.text(s, "subnetAddresses"), ApiClient.text(s, "available"),
                    ApiClient.text(s, "usedPercent"), ApiClient.text(s, "poolSize"), ApiClient.text(s, "poolInUse"));
            s.get("ranges").forEach(r -> ranges.row(ApiClient.text(r, "subnet"),
                    ApiClient.text(r, "first") + "-" + ApiClient.text(r, "last"),
                    ApiClient.text(r, "kind").toLowerCase(java.util.Locale.ROOT), ApiClient.text(r, "size"),
                    ApiClient.text(r, "inUse"), ApiClient.text(r, "free"), ApiClient.text(r, "usedPercent")));
        });
        print(table);
        if (ranges.size() > 0) {
            out().println();
            print(ranges);
        }
        return 0;
    }
}
