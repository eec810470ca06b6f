package io.leaseledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.cli.RootCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code POST /api/v1/lease-imports}: a replaced server's lease file taken over by a node that
 * serves, once per content, admin only; the imported client keeps its address over a DORA through
 * the packet path, and the lease of an address no subnet holds is named.
 */
class LeaseImportApiTest extends RunningApi {
    private static final String PATH = "/api/v1/lease-imports";
    private static final String KEPT_MAC = "52:54:00:00:0a:20";

    /** ISC dhcpd's leases: one in the pool (.120, an hour left), one of no subnet served here. */
    private static String dhcpdLeases() {
        long now = Instant.now().getEpochSecond();
        return """
                # The format of this file is documented in the dhcpd.leases(5) manual page.
                lease 198.18.0.120 {
                  starts epoch %d;
                  ends epoch %d;
                  binding state active;
                  hardware ethernet %s;
                  client-hostname "kept";
                }
                lease 10.20.30.40 {
                  starts epoch %d;
                  ends epoch %d;
                  binding state active;
                  hardware ethernet 52:54:00:00:0a:21;
                }
                """.formatted(now - 600, now + 3000, KEPT_MAC, now - 600, now + 3000);
    }

    @Test
    void aFileIsImportedOnceAndItsClientKeepsItsAddress() throws Exception {
        String leases = dhcpdLeases();
        ApiNode.Reply first = api.postText(PATH + "?name=old-dhcpd.leases", api.admin, leases);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("format").asText()).isEqualTo("isc-dhcpd");
        assertThat(first.json().get("leases").asInt()).isEqualTo(2);
        assertThat(first.json().get("imported").asInt()).isEqualTo(1);
        assertThat(first.json().get("noSubnet").asInt()).isEqualTo(1);
        assertThat(first.json().get("notImported").get(0).asText()).contains("10.20.30.40").contains("no subnet");

        assertThat(api.dora(KEPT_MAC)).as("the imported client renews into its address").isEqualTo("198.18.0.120");
        assertThat(api.dora("52:54:00:00:0a:22")).as("a stranger is not given it").isNotEqualTo("198.18.0.120");

        ApiNode.Reply again = api.postText(PATH, api.admin, leases);
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("message").asText()).contains("imported at").contains("again=true");
        ApiNode.Reply forced = api.postText(PATH + "?again=true", api.admin, leases);
        assertThat(forced.status()).as(forced.body()).isEqualTo(200);
        assertThat(forced.json().get("outcomes").get("ALREADY_HELD").asInt()).isEqualTo(1);
        assertThat(forced.json().get("imported").asInt()).isZero();
    }

    /** {@code leaseledger import-leases FILE}: dnsmasq's file, dated by its modification time, through the API. */
    @Test
    void theCliSendsAFileAndPrintsWhatBecameOfItsLeases(@TempDir Path files) throws Exception {
        long expiry = Instant.now().getEpochSecond() + 3000;
        Path leases = Files.writeString(files.resolve("dnsmasq.leases"),
                expiry + " 52:54:00:00:0b:30 198.18.0.130 cli-kept *\n"
                        + expiry + " 52:54:00:00:0b:31 198.18.0.50 squatter *\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RootCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));

        int code = cli.execute("import-leases", leases.toString(), "--url", api.base.toString(), "--token", api.admin);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("imported 1 of 2 leases from " + leases).contains("(dnsmasq)")
                .contains("not imported: 198.18.0.50 (52:54:00:00:0b:31, squatter): RESERVED_FOR_ANOTHER");
        assertThat(api.dora("52:54:00:00:0b:30")).isEqualTo("198.18.0.130");

        StringWriter again = new StringWriter();
        assertThat(new CommandLine(new RootCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(again))
                .execute("import-leases", leases.toString(), "--url", api.base.toString(), "--token", api.admin))
                .isEqualTo(2);
        assertThat(again.toString()).contains("HTTP 409").contains("imported at");
        StringWriter notALeaseFile = new StringWriter();
        assertThat(new CommandLine(new RootCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(notALeaseFile))
                .execute("import-leases", files.resolve("missing.leases").toString(), "--url", api.base.toString(),
                        "--token", api.admin)).isEqualTo(2);
        assertThat(notALeaseFile.toString()).contains("missing.leases");
    }

    @Test
    void onlyAnAdminImportsAndBadInputIsNamed() throws Exception {
        assertThat(api.postText(PATH, null, dhcpdLeases()).status()).isEqualTo(401);
        assertThat(api.postText(PATH, api.operator, dhcpdLeases()).status()).isEqualTo(403);

        ApiNode.Reply empty = api.postText(PATH, api.admin, " \n");
        assertThat(empty.status()).as(empty.body()).isEqualTo(400);
        assertThat(empty.json().get("fields").findValuesAsText("field")).containsExactly("body");
        ApiNode.Reply notALeaseFile = api.postText(PATH, api.admin, "subnets: []\n");
        assertThat(notALeaseFile.status()).as(notALeaseFile.body()).isEqualTo(400);
        assertThat(notALeaseFile.json().get("fields").findValuesAsText("field")).containsExactly("body");
        ApiNode.Reply badFlag = api.postText(PATH + "?again=maybe", api.admin, dhcpdLeases());
        assertThat(badFlag.status()).as(badFlag.body()).isEqualTo(400);
        assertThat(badFlag.json().get("fields").findValuesAsText("field")).containsExactly("again");
        ApiNode.Reply badTime = api.postText(PATH + "?writtenAt=yesterday", api.admin, dhcpdLeases());
        assertThat(badTime.status()).as(badTime.body()).isEqualTo(400);
    }
}
