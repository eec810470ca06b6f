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
