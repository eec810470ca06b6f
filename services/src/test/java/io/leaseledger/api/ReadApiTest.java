package io.leaseledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.probe.RelayProbe;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.MessageType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read routes over the node's own read side (projections on H2 beside the store, fed live
 * from the event log): two clients lease through the packet path (one releases), then leases,
 * history, point-in-time, utilisation and the log are read back.
 */
class ReadApiTest extends RunningApi {
    private static final String KEPT = "52:54:00:00:02:01";
    private static final String RELEASED = "52:54:00:00:02:02";

    String keptAddress;
    String releasedAddress;
    Instant between;

    @BeforeAll
    void leaseTwoClients() throws Exception {
        keptAddress = dora(KEPT, false);
        between = Instant.now();
        releasedAddress = dora(RELEASED, true);
        awaitProjected();
    }

    private String dora(String mac, boolean release) throws Exception {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), api.dhcpPort());
        try (RelayProbe probe = new RelayProbe(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new RelayProbe.ProbeOptions(java.util.HexFormat.ofDelimiter(":").parseHex(mac),
                        Ipv4Address.parse("198.18.0.1"), Duration.ofSeconds(5), release, null))) {
            Dhcp4Message ack = probe.run().orElseThrow(() -> new AssertionError("no reply"));
            assertThat(ack.messageType()).isEqualTo(MessageType.ACK);
            return Ipv4Address.format(ack.yiaddr());
        }
    }

    /** The read side follows the log within its poll interval: wait (bounded) until it shows the release. */
    private void awaitProjected() throws Exception {
        for (int i = 0; i < 200; i++) {
            ApiNode.Reply r = get("/api/v1/log?mac=" + RELEASED + "&decision=release");
            if (r.status() == 200 && r.json().get("items").size() == 1) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the projections never showed the RELEASE");
    }

    private ApiNode.Reply get(String path) throws Exception {
        return api.get(path, api.readOnly);
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).isNull() ? null : n.get(field).asText()));
        return out;
    }

    @Test
    void currentLeasesFilteredAndPaged() throws Exception {
        ApiNode.Reply all = get("/api/v1/leases");
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(values(all.json().get("items"), "mac")).containsExactlyInAnyOrder(KEPT, RELEASED);
        JsonNode kept = get("/api/v1/leases?mac=" + KEPT).json().get("items");
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).get("state").asText()).isEqualTo("BOUND");
        assertThat(kept.get(0).get("address").asText()).isEqualTo(keptAddress);
        assertThat(kept.get(0).get("grantedAt").isTextual()).as("times are ISO-8601 text: %s", kept).isTrue();
        assertThat(get("/api/v1/leases?state=bound&subnet=198.18.0.0-24").json().get("items")).hasSize(1);

        ApiNode.Reply first = get("/api/v1/leases?limit=1");
        assertThat(first.json().get("items")).hasSize(1);
        String cursor = first.json().get("nextCursor").asText();
        ApiNode.Reply second = get("/api/v1/leases?limit=1&cursor=" + cursor);
        assertThat(second.json().get("items")).hasSize(1);
        assertThat(second.json().get("nextCursor").isNull()).isTrue();
        assertThat(second.json().get("items").get(0).get("mac").asText())
                .isNotEqualTo(first.json().get("items").get(0).get("mac").asText());

        ApiNode.Reply lease = get("/api/v1/leases/" + keptAddress);
        assertThat(lease.json().get("mac").asText()).isEqualTo(KEPT);
        assertThat(get("/api/v1/leases/198.18.0.250").status()).isEqualTo(404);
    }

    @Test
    void badParametersAreNamed() throws Exception {
        ApiNode.Reply state = get("/api/v1/leases?state=asleep");
        assertThat(state.status()).isEqualTo(400);
        assertThat(state.json().get("fields").get(0).get("field").asText()).isEqualTo("state");
        assertThat(state.json().get("fields").get(0).get("value").asText()).isEqualTo("asleep");
        assertThat(get("/api/v1/leases?limit=0").json().get("fields").get(0).get("field").asText()).isEqualTo("limit");
        assertThat(get("/api/v1/leases?cursor=bm9wZQ").json().get("fields").get(0).get("field").asText()).isEqualTo("cursor");
        assertThat(get("/api/v1/history/addresses/198.18.0.999").json().get("fields").get(0).get("field").asText()).isEqualTo("address");
        assertThat(get("/api/v1/history/clients/xx").json().get("fields").get(0).get("field").asText()).isEqualTo("mac");
        assertThat(get("/api/v1/history/addresses/" + keptAddress + "?at=yesterday").json().get("fields").get(0).get("field").asText())
                .isEqualTo("at");
        assertThat(get("/api/v1/log?decision=maybe").json().get("fields").get(0).get("field").asText()).isEqualTo("decision");
        assertThat(get("/api/v1/utilisation/198.18.0.0-24/pool?bucket=30s").status()).isEqualTo(400);
    }

    @Test
    void historyAndPointInTime() throws Exception {
        JsonNode history = get("/api/v1/history/addresses/" + releasedAddress).json();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("mac").asText()).isEqualTo(RELEASED);
        assertThat(history.get(0).get("to").isNull()).as("the release closed the interval: %s", history).isFalse();

        JsonNode now = get("/api/v1/history/addresses/" + keptAddress + "?at=" + Instant.now()).json();
        assertThat(values(now.get("holdings"), "mac")).containsExactly(KEPT);
        JsonNode before = get("/api/v1/history/addresses/" + keptAddress + "?at=2000-01-01T00:00:00Z").json();
        assertThat(before.get("holdings")).isEmpty();
        // The released address was not yet leased between the two DORAs, and is free again now.
        assertThat(get("/api/v1/history/addresses/" + releasedAddress + "?at=" + between).json().get("holdings")).isEmpty();
        assertThat(get("/api/v1/history/addresses/" + releasedAddress + "?at=" + Instant.now()).json().get("holdings")).isEmpty();

        JsonNode client = get("/api/v1/history/clients/" + KEPT).json();
        assertThat(values(client, "address")).containsExactly(keptAddress);
        assertThat(values(get("/api/v1/history/clients/" + KEPT + "?at=" + Instant.now()).json().get("holdings"), "address"))
                .containsExactly(keptAddress);
    }

    @Test
    void utilisationAndThePoolOverTime() throws Exception {
        JsonNode subnets = get("/api/v1/utilisation").json();
        JsonNode ours = null;
        for (JsonNode s : subnets) {
            if (s.get("subnet").asText().equals("198.18.0.0/24")) {
                ours = s;
            }
        }
        assertThat(ours).as("%s", subnets).isNotNull();
        assertThat(ours.get("poolSize").asLong()).isEqualTo(100);
        assertThat(ours.get("poolInUse").asLong()).isEqualTo(1);

        Instant to = Instant.now().plusSeconds(60);
        JsonNode buckets = get("/api/v1/utilisation/198.18.0.0-24/pool?bucket=1m&from=" + to.minusSeconds(600) + "&to=" + to).json();
        assertThat(buckets.size()).isBetween(10, 11);
        assertThat(buckets.get(buckets.size() - 1).get("poolSize").asLong()).isEqualTo(100);
    }

    @Test
    void theTransactionLogNewestFirstWithFilters() throws Exception {
        JsonNode log = get("/api/v1/log?mac=" + RELEASED).json().get("items");
        assertThat(values(log, "decision")).containsExactly("RELEASE", "GRANT", "OFFER");
        assertThat(get("/api/v1/log?decision=grant").json().get("items")).hasSize(2);
        assertThat(get("/api/v1/log?address=" + keptAddress + "&subnet=198.18.0.0/24").json().get("items")).hasSize(2);
        assertThat(get("/api/v1/log?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z").json().get("items")).isEmpty();
        ApiNode.Reply page = get("/api/v1/log?limit=2");
        assertThat(page.json().get("nextCursor").isNull()).isFalse();
    }

    @Test
    void theServedSubnetAsTheFileDefinesIt() throws Exception {
        ApiNode.Reply all = get("/api/v1/subnets");
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json()).hasSize(1);
        JsonNode subnet = all.json().get(0);
        assertThat(subnet.get("id").asText()).isEqualTo("198.18.0.0/24");
        assertThat(subnet.get("cidr").asText()).isEqualTo("198.18.0.0/24");
        // lease-time: 10m; the rest are docs/configuration.md's defaults, in seconds.
        assertThat(subnet.get("settings")).isEqualTo(ApiNode.JSON.readTree("""
                {"managed": true, "authoritative": true, "leaseTime": 600, "minLeaseTime": 60, "maxLeaseTime": 3600,
                 "offerHoldTime": 30, "probationTime": 86400, "inUseHoldTime": 3600}"""));
        assertThat(subnet.get("ranges")).containsExactly(ApiNode.JSON.readTree(
                "{\"start\": \"198.18.0.100\", \"end\": \"198.18.0.199\", \"kind\": \"dynamic\"}"));
        assertThat(subnet.get("hosts")).containsExactly(ApiNode.JSON.readTree(
                "{\"mac\": \"52:54:00:00:00:01\", \"address\": \"198.18.0.50\", \"hostname\": \"probe-host\"}"));
        // The gateway is option 3 (routers), its value the wire payload in hex: 198.18.0.1.
        assertThat(subnet.get("options")).containsExactly(ApiNode.JSON.readTree(
                "{\"scope\": \"subnet\", \"host\": null, \"code\": 3, \"value\": \"c6120001\", \"alwaysSend\": false}"));

        ApiNode.Reply one = get("/api/v1/subnets/198.18.0.0-24");
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(subnet);
    }

    @Test
    void readsNeedAToken() throws Exception {
        assertThat(api.get("/api/v1/leases", null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/log", "ll_bad").status()).isEqualTo(401);
    }
}
