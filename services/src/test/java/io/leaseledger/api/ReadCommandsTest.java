package io.leaseledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.cli.RootCommand;
import io.leaseledger.probe.RelayProbe;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.MessageType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code leases}, {@code history}, {@code utilisation}, {@code log} on the same binary, against a running node's API. */
class ReadCommandsTest extends RunningApi {
    private static final String MAC = "52:54:00:00:03:01";

    String address;

    record Run(int exitCode, String out, String err) {
        JsonNode json() throws Exception {
            return ApiNode.JSON.readTree(out);
        }
    }

    @BeforeAll
    void leaseOneClient() throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), api.dhcpPort());
        try (RelayProbe probe = new RelayProbe(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new RelayProbe.ProbeOptions(java.util.HexFormat.ofDelimiter(":").parseHex(MAC),
                        Ipv4Address.parse("198.18.0.1"), Duration.ofSeconds(5), false, null))) {
            Dhcp4Message ack = probe.run().orElseThrow(() -> new AssertionError("no reply"));
            assertThat(ack.messageType()).isEqualTo(MessageType.ACK);
            address = Ipv4Address.format(ack.yiaddr());
        }
        for (int i = 0; i < 200 && !run("log", "--mac", MAC, "--decision", "grant", "--json").out().contains("GRANT"); i++) {
            Thread.sleep(50); // the read side follows the log within its poll interval
        }
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", api.base.toString(), "--token", api.readOnly));
        return runRaw(all.toArray(String[]::new));
    }

    private static Run runRaw(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new RootCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void eventsFollowsTheNodesLogOverTheApiFromAStartFilteredAndLive() throws Exception {
        Run granted = run("events", "--from", "beginning", "--type", "LeaseGranted", "--mac", MAC, "--max", "1");
        assertThat(granted.exitCode()).as(granted.err()).isZero();
        assertThat(granted.out().lines()).singleElement().asString().contains("LeaseGranted", address, MAC, "198.18.0.0/24");

        Run first = run("events", "--from", "beginning", "--max", "2", "--json");
        assertThat(first.exitCode()).as(first.err()).isZero();
        List<JsonNode> events = new ArrayList<>();
        for (String line : first.out().lines().toList()) {
            events.add(ApiNode.JSON.readTree(line));
        }
        assertThat(events).extracting(e -> e.get("type").asText())
                .containsExactly("io.leaseledger.SubnetDefined.v1", "io.leaseledger.RangeAdded.v1");
        assertThat(events).allSatisfy(e -> assertThat(e.get("specversion").asText()).isEqualTo("1.0"));

        Run quiet = run("events", "--subnet", "198.19.0.0/24", "--from", "beginning", "--timeout", "1s");
        assertThat(quiet.exitCode()).as(quiet.err()).isZero();
        assertThat(quiet.out()).as("no event of that subnet").isEmpty();

        // Live: started before the lease, it prints the offer and the grant as they commit.
        var live = java.util.concurrent.CompletableFuture.supplyAsync(() -> run("events", "--mac", "52:54:00:00:03:77",
                "--max", "2", "--timeout", "30s"));
        Thread.sleep(500);
        String leased = api.dora("52:54:00:00:03:77");
        Run both = live.get(40, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(both.exitCode()).as(both.err()).isZero();
        assertThat(both.out().lines()).hasSize(2).satisfiesExactly(
                offer -> assertThat(offer).contains("LeaseOffered", leased), grant -> assertThat(grant).contains("LeaseGranted", leased));

        Run bad = run("events", "--from", "yesterday");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("from", "yesterday");
    }

    @Test
    void leasesAsATableAndAsJson() throws Exception {
        Run table = run("leases");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("SUBNET").contains("ADDRESS", "STATE", "MAC");
        assertThat(table.out()).contains(address, MAC, "bound");
        Run json = run("leases", "--mac", MAC, "--json");
        assertThat(json.json()).hasSize(1);
        assertThat(json.json().get(0).get("address").asText()).isEqualTo(address);
    }

    @Test
    void historyOfAnAddressAndOfAClientAtAPointInTime() throws Exception {
        Run byAddress = run("history", address);
        assertThat(byAddress.exitCode()).as(byAddress.err()).isZero();
        assertThat(byAddress.out()).contains(MAC, "lease");
        Run byMac = run("history", MAC, "--at", Instant.now().toString(), "--json");
        assertThat(byMac.json().get("holdings").get(0).get("address").asText()).isEqualTo(address);
        Run before = run("history", address, "--at", "2000-01-01T00:00:00Z");
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.out()).contains("nobody held " + address);
    }

    @Test
    void utilisationAndLog() throws Exception {
        Run utilisation = run("utilisation");
        assertThat(utilisation.exitCode()).as(utilisation.err()).isZero();
        assertThat(utilisation.out()).contains("198.18.0.0/24", "POOL-IN-USE", "198.18.0.100-198.18.0.199");
        Run log = run("log", "--mac", MAC);
        assertThat(log.out()).contains("grant", "offer", address);
    }

    @Test
    void utilisationAsJson() throws Exception {
        Run run = run("utilisation", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode subnets = run.json();
        assertThat(subnets).as(run.out()).hasSize(1);
        JsonNode subnet = subnets.get(0);
        assertThat(subnet.get("subnet").asText()).isEqualTo("198.18.0.0/24");
        assertThat(subnet.get("managed").asBoolean()).isTrue();
        assertThat(subnet.get("removed").asBoolean()).isFalse();
        // 254 host addresses; unavailable: the dynamic range's 100 (the lease is inside it) and the
        // reservation of 198.18.0.50 outside it: 101, 39.76 %.
        assertThat(subnet.get("subnetAddresses").asLong()).isEqualTo(254);
        assertThat(subnet.get("available").asLong()).isEqualTo(153);
        assertThat(subnet.get("usedPercent").asDouble()).isEqualTo(39.76);
        assertThat(subnet.get("poolSize").asLong()).isEqualTo(100);
        assertThat(subnet.get("poolInUse").asLong()).isEqualTo(1);
        JsonNode ranges = subnet.get("ranges");
        assertThat(ranges).hasSize(1);
        JsonNode range = ranges.get(0);
        assertThat(range.get("subnet").asText()).isEqualTo("198.18.0.0/24");
        assertThat(range.get("first").asText()).isEqualTo("198.18.0.100");
        assertThat(range.get("last").asText()).isEqualTo("198.18.0.199");
        assertThat(range.get("kind").asText()).isEqualTo("DYNAMIC");
        assertThat(range.get("size").asLong()).isEqualTo(100);
        assertThat(range.get("inUse").asLong()).isEqualTo(1);
        assertThat(range.get("free").asLong()).isEqualTo(99);
        assertThat(range.get("usedPercent").asDouble()).isEqualTo(1.0);
    }

    @Test
    void logAsJsonNewestFirstWithTheClient() throws Exception {
        Run run = run("log", "--mac", MAC, "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode log = run.json();
        List<String> decisions = new ArrayList<>();
        log.forEach(e -> decisions.add(e.get("decision").asText()));
        assertThat(decisions).as(run.out()).containsExactly("GRANT", "OFFER");
        for (JsonNode e : log) {
            assertThat(e.get("subnet").asText()).isEqualTo("198.18.0.0/24");
            assertThat(e.get("mac").asText()).isEqualTo(MAC);
            assertThat(e.get("address").asText()).isEqualTo(address);
            // giaddr: the probe's own address (its link-selection sub-option names 198.18.0.1).
            assertThat(e.get("relay").asText()).isEqualTo("127.0.0.1");
            assertThat(e.get("leaseSeconds").asLong()).isEqualTo(600);
            assertThat(e.get("expiresAt").isTextual()).as("%s", e).isTrue();
        }
        JsonNode grant = log.get(0);
        JsonNode offer = log.get(1);
        assertThat(grant.get("detail").asText()).isEqualTo("NEW");
        assertThat(offer.get("detail").isNull()).isTrue();
        assertThat(grant.get("sequence").asLong()).isGreaterThan(offer.get("sequence").asLong());
        assertThat(grant.get("transactionId").asText()).isEqualTo(offer.get("transactionId").asText());
        Instant granted = Instant.parse(grant.get("at").asText());
        assertThat(Instant.parse(grant.get("expiresAt").asText())).isEqualTo(granted.plusSeconds(600));

        Run grants = run("log", "--mac", MAC, "--decision", "grant", "--json");
        assertThat(grants.json()).hasSize(1);
        assertThat(grants.json().get(0)).isEqualTo(grant);
        assertThat(run("log", "--mac", "52:54:00:00:03:99", "--json").json()).isEmpty();
    }

    @Test
    void failuresAreOneLineAndAnExitCode() {
        Run badArgument = run("leases", "--state", "asleep");
        assertThat(badArgument.exitCode()).isEqualTo(2);
        assertThat(badArgument.err()).contains("HTTP 400", "state", "asleep");
        Run noToken = runRaw("leases", "--url", api.base.toString(), "--token", "ll_nope");
        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.err()).contains("HTTP 401");
        Run unreachable = runRaw("utilisation", "--url", "http://127.0.0.1:1", "--token", api.readOnly);
        assertThat(unreachable.exitCode()).isEqualTo(3);
        assertThat(unreachable.err()).contains("cannot reach the API");
    }

    @Test
    void tokenCommandsOnTheSameBinary() {
        Path file = dir.resolve("cli-tokens.json");
        Run created = runRaw("token", "create", "--tokens-file", file.toString(), "--role", "operator", "--name", "cli");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out().strip()).startsWith("ll_");
        Run listed = runRaw("token", "list", "--tokens-file", file.toString());
        assertThat(listed.out()).contains("operator", "cli").doesNotContain(created.out().strip());
        assertThat(runRaw("token", "revoke", "--tokens-file", file.toString(), "cli").exitCode()).isZero();
        assertThat(runRaw("token", "revoke", "--tokens-file", file.toString(), "cli").exitCode()).isEqualTo(1);
        assertThat(runRaw("token", "create", "--tokens-file", file.toString(), "--role", "root", "--name", "x").exitCode())
                .isNotZero();
    }
}
