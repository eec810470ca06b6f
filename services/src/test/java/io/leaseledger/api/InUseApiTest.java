package io.leaseledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.probe.RelayProbe;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.MessageType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An address reported in use through the API is not offered to a DHCP client (a relayed DORA over
 * loopback through the real packet path), and the report is counted and shown in the log.
 */
class InUseApiTest extends RunningApi {
    private static final String PATH = "/api/v1/subnets/198.18.0.0-24/in-use";
    private static final String STRANGER = "52:54:00:00:00:99";


    private ApiNode.Reply report(String body, String token) throws Exception {
        return api.send("POST", PATH, token, body);
    }

    @Test
    void aReportedAddressIsRecordedOnceAndNotOffered() throws Exception {
        ApiNode.Reply first = report("{\"address\": \"198.18.0.100\", \"mac\": \"" + STRANGER + "\"}", api.operator);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("outcome").asText()).isEqualTo("RECORDED");
        assertThat(first.json().get("subnet").asText()).isEqualTo("198.18.0.0/24");
        assertThat(report("{\"address\": \"198.18.0.100\", \"mac\": \"" + STRANGER + "\"}", api.operator)
                .json().get("outcome").asText()).isEqualTo("ALREADY_KNOWN");
        assertThat(report("{\"address\": \"198.18.0.1\", \"mac\": \"" + STRANGER + "\"}", api.operator)
                .json().get("outcome").asText()).isEqualTo("NOT_ALLOCATABLE");

        // The pool starts at .100: a new client gets .101, not the address in use.
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), api.dhcpPort());
        try (RelayProbe probe = new RelayProbe(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new RelayProbe.ProbeOptions(new byte[] {0x52, 0x54, 0, 0, 2, 1}, Ipv4Address.parse("198.18.0.1"),
                        Duration.ofSeconds(5), false, null))) {
            Dhcp4Message ack = probe.run().orElseThrow(() -> new AssertionError("no reply"));
            assertThat(ack.messageType()).isEqualTo(MessageType.ACK);
            assertThat(Ipv4Address.format(ack.yiaddr())).isEqualTo("198.18.0.101");
        }

        assertThat(MetricsTest.value(api.get("/metrics", null).body(), "leaseledger_addresses_conflicts_total",
                "subnet=\"198.18.0.0/24\"", "kind=\"free\"")).isEqualTo(1);
        JsonNode row = awaitLogRow();
        assertThat(row.get("address").asText()).isEqualTo("198.18.0.100");
        assertThat(row.get("mac").asText()).isEqualTo(STRANGER);
        assertThat(row.get("detail").asText()).isEqualTo("FREE");
        assertThat(row.get("expiresAt").asText()).isNotBlank();
    }

    /** The README's shape: bind addresses only, no link to hear, so no packet socket is even tried. */
    @Test
    void aLoopbackOnlyNodeDoesNotListenForArp() {
        assertThat(api.node.arpInterfaces()).isEmpty();
        assertThat(api.node.context().getBean(io.leaseledger.metrics.DhcpMetrics.class).scrape())
                .doesNotContain("leaseledger_arp_frames_total");
    }

    @Test
    void badReportsAreNamedRefusedOrForbidden() throws Exception {
        ApiNode.Reply invalid = report("{\"address\": \"198.18.0.300\", \"mac\": \"nope\", \"when\": 1}", api.operator);
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.json().get("fields").findValuesAsText("field")).containsExactlyInAnyOrder("address", "mac", "when");
        ApiNode.Reply offSubnet = report("{\"address\": \"198.19.0.5\", \"mac\": \"" + STRANGER + "\"}", api.operator);
        assertThat(offSubnet.status()).as(offSubnet.body()).isEqualTo(422);
        assertThat(api.send("POST", "/api/v1/subnets/198.30.0.0-24/in-use", api.operator,
                "{\"address\": \"198.30.0.5\", \"mac\": \"" + STRANGER + "\"}").status()).isEqualTo(404);
        assertThat(report("{\"address\": \"198.18.0.120\", \"mac\": \"" + STRANGER + "\"}", api.readOnly).status())
                .isEqualTo(403);
    }

    /** The read side follows the log within its poll interval: wait (bounded) for the row. */
    private JsonNode awaitLogRow() throws Exception {
        for (int i = 0; i < 200; i++) {
            ApiNode.Reply r = api.get("/api/v1/log?decision=observed-in-use", api.readOnly);
            if (r.status() == 200 && r.json().get("items").size() == 1) {
                return r.json().get("items").get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the log never showed the sighting");
    }
}
