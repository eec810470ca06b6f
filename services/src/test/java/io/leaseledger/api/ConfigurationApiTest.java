package io.leaseledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.probe.RelayProbe;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.MessageType;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Configuration writes through the API become Subnet commands; validation is per field; refusals are typed. */
class ConfigurationApiTest extends RunningApi {

    private ApiNode.Reply op(String method, String path, String body) throws Exception {
        return api.send(method, path, api.operator, body);
    }

    private static List<String> fields(ApiNode.Reply r) {
        List<String> out = new ArrayList<>();
        r.json().get("fields").forEach(f -> out.add(f.get("field").asText()));
        return out;
    }

    @Test
    void aSubnetDefinedThroughTheApiIsServedAtOnce() throws Exception {
        ApiNode.Reply defined = op("POST", "/api/v1/subnets", "{\"cidr\": \"198.19.0.0/24\", \"lease-time\": \"20m\"}");
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        assertThat(defined.json().get("settings").get("leaseTime").asLong()).isEqualTo(1200);
        assertThat(op("POST", "/api/v1/subnets/198.19.0.0-24/ranges",
                "{\"start\": \"198.19.0.100\", \"end\": \"198.19.0.110\", \"kind\": \"dynamic\"}").status()).isEqualTo(201);
        assertThat(op("PUT", "/api/v1/subnets/198.19.0.0-24/options", "{\"name\": \"domain-name\", \"value\": \"api.test\"}")
                .json().get("options").toString()).contains("\"code\":15");
        // An option the probe does not ask for, marked always-send: in the reply all the same.
        assertThat(op("PUT", "/api/v1/subnets/198.19.0.0-24/options", "{\"code\": 224, \"hex\": \"aa\", \"always-send\": true}")
                .json().get("options").toString()).contains("\"code\":224,\"value\":\"aa\",\"alwaysSend\":true");

        // A client on that link gets an address from the new range, with the new option.
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), api.dhcpPort());
        try (RelayProbe probe = new RelayProbe(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new RelayProbe.ProbeOptions(new byte[] {0x52, 0x54, 0, 0, 1, 1}, Ipv4Address.parse("198.19.0.1"),
                        Duration.ofSeconds(5), false, null))) {
            Dhcp4Message ack = probe.run().orElseThrow(() -> new AssertionError("no reply"));
            assertThat(ack.messageType()).isEqualTo(MessageType.ACK);
            assertThat(Ipv4Address.format(ack.yiaddr())).startsWith("198.19.0.1");
            assertThat(ack.option(io.leaseledger.wire.dhcp4.OptionCode.valueOf(224)))
                    .hasValueSatisfying(v -> assertThat(v).containsExactly(0xaa));
        }

        ApiNode.Reply again = op("POST", "/api/v1/subnets", "{\"cidr\": \"198.19.0.0/24\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").asText()).isEqualTo("conflict");
        assertThat(op("POST", "/api/v1/subnets", "{\"cidr\": \"198.19.0.0/16\"}").status()).isEqualTo(409);
    }

    @Test
    void bothSubnetReadsShowWhatTheWritesDefined() throws Exception {
        String subnet = "/api/v1/subnets/198.19.3.0-24";
        assertThat(op("POST", "/api/v1/subnets", """
                {"cidr": "198.19.3.0/24", "authoritative": false, "lease-time": "20m", "min-lease-time": "2m",
                 "max-lease-time": "2h", "offer-hold-time": "45s", "probation-time": "1h", "in-use-hold-time": "10m"}""")
                .status()).isEqualTo(201);
        assertThat(op("POST", subnet + "/ranges", "{\"start\": \"198.19.3.100\", \"end\": \"198.19.3.149\", \"kind\": \"reserved-dynamic\"}")
                .status()).isEqualTo(201);
        assertThat(op("POST", subnet + "/ranges", "{\"start\": \"198.19.3.2\", \"end\": \"198.19.3.9\", \"kind\": \"reserved\"}")
                .status()).isEqualTo(201);
        assertThat(op("PUT", subnet + "/hosts/52:54:00:00:03:07", "{\"address\": \"198.19.3.70\", \"hostname\": \"node7\"}")
                .status()).isEqualTo(200);
        assertThat(op("PUT", subnet + "/hosts/52:54:00:00:03:08", "{\"address\": \"198.19.3.80\"}").status()).isEqualTo(200);
        assertThat(op("PUT", subnet + "/options", "{\"name\": \"routers\", \"value\": [\"198.19.3.1\"]}").status()).isEqualTo(200);
        assertThat(op("PUT", subnet + "/options", "{\"name\": \"domain-name-servers\", \"value\": [\"198.19.3.2\", \"198.19.3.3\"]}")
                .status()).isEqualTo(200);
        assertThat(op("PUT", subnet + "/hosts/52:54:00:00:03:07/options", "{\"name\": \"domain-name\", \"value\": \"host.test\"}")
                .status()).isEqualTo(200);

        ApiNode.Reply one = api.get(subnet, api.readOnly);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        JsonNode view = one.json();
        assertThat(view.get("id").asText()).isEqualTo("198.19.3.0/24");
        assertThat(view.get("cidr").asText()).isEqualTo("198.19.3.0/24");
        // Times in seconds; managed was not given and keeps its default.
        assertThat(view.get("settings")).isEqualTo(json("""
                {"managed": true, "authoritative": false, "leaseTime": 1200, "minLeaseTime": 120, "maxLeaseTime": 7200,
                 "offerHoldTime": 45, "probationTime": 3600, "inUseHoldTime": 600}"""));
        // "reserved-dynamic" is MAAS's name for the dynamic range.
        assertThat(view.get("ranges")).containsExactlyInAnyOrder(
                json("{\"start\": \"198.19.3.100\", \"end\": \"198.19.3.149\", \"kind\": \"dynamic\"}"),
                json("{\"start\": \"198.19.3.2\", \"end\": \"198.19.3.9\", \"kind\": \"reserved\"}"));
        assertThat(view.get("hosts")).containsExactlyInAnyOrder(
                json("{\"mac\": \"52:54:00:00:03:07\", \"address\": \"198.19.3.70\", \"hostname\": \"node7\"}"),
                json("{\"mac\": \"52:54:00:00:03:08\", \"address\": \"198.19.3.80\", \"hostname\": null}"));
        // Values as hex of the wire payload: 198.19.3.1; 198.19.3.2 and .3; "host.test".
        assertThat(view.get("options")).containsExactlyInAnyOrder(
                json("{\"scope\": \"subnet\", \"host\": null, \"code\": 3, \"value\": \"c6130301\", \"alwaysSend\": false}"),
                json("{\"scope\": \"subnet\", \"host\": null, \"code\": 6, \"value\": \"c6130302c6130303\", \"alwaysSend\": false}"),
                json("{\"scope\": \"host\", \"host\": \"52:54:00:00:03:07\", \"code\": 15, \"value\": \"686f73742e74657374\", \"alwaysSend\": false}"));

        // The listing: every served subnet by network, this one as the single read shows it.
        ApiNode.Reply all = api.get("/api/v1/subnets", api.readOnly);
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        List<String> cidrs = new ArrayList<>();
        all.json().forEach(s -> cidrs.add(s.get("cidr").asText()));
        assertThat(cidrs).contains("198.18.0.0/24", "198.19.3.0/24")
                .isSortedAccordingTo(Comparator.comparingLong(c -> Ipv4Address.parse(c.substring(0, c.indexOf('/'))).toUnsigned()));
        assertThat(all.json()).contains(view);

        ApiNode.Reply bad = api.get("/api/v1/subnets/198.19.3.0-33", api.readOnly);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad)).containsExactly("subnet");
        assertThat(api.get("/api/v1/subnets/198.19.4.0-24", api.readOnly).status()).isEqualTo(404);
    }

    private static JsonNode json(String text) throws Exception {
        return ApiNode.JSON.readTree(text);
    }

    @Test
    void everyWrongFieldIsNamedWithItsValue() throws Exception {
        ApiNode.Reply r = op("POST", "/api/v1/subnets", "{\"cidr\": \"198.19.300.0/24\", \"lease-time\": \"soon\", \"leese-time\": 1}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).isEqualTo("invalid");
        assertThat(fields(r)).containsExactlyInAnyOrder("cidr", "lease-time", "leese-time");
        JsonNode cidr = r.json().get("fields").get(0);
        assertThat(cidr.get("value").asText()).isEqualTo("198.19.300.0/24");
        assertThat(cidr.get("message").asText()).isNotBlank();

        assertThat(op("POST", "/api/v1/subnets", "not json").status()).isEqualTo(400);
        assertThat(fields(op("POST", "/api/v1/subnets/198.18.0.0-24/ranges", "{\"start\": \"198.18.0.10\", \"end\": \"198.18.0.5\", \"kind\": \"pool\"}")))
                .contains("kind");
        assertThat(fields(op("PUT", "/api/v1/subnets/198.18.0.0-24/options", "{\"code\": 51, \"hex\": \"00000e10\"}")))
                .containsExactly("code");
        assertThat(fields(op("PUT", "/api/v1/subnets/198.18.0.0-24/hosts/not-a-mac", "{\"address\": \"198.18.0.60\"}")))
                .containsExactly("mac");
        assertThat(fields(op("PUT", "/api/v1/subnets/198.18.0.0-24", "{\"lease-time\": \"2h\", \"max-lease-time\": \"1h\"}")))
                .containsExactly("lease-time");
    }

    @Test
    void whatTheSubnetRefusesIsAConflictOrARefusal() throws Exception {
        ApiNode.Reply overlap = op("POST", "/api/v1/subnets/198.18.0.0-24/ranges",
                "{\"start\": \"198.18.0.150\", \"end\": \"198.18.0.160\", \"kind\": \"reserved\"}");
        assertThat(overlap.status()).as(overlap.body()).isEqualTo(409);
        assertThat(overlap.json().get("message").asText()).contains("overlaps");

        ApiNode.Reply outside = op("POST", "/api/v1/subnets/198.18.0.0-24/ranges",
                "{\"start\": \"198.18.1.1\", \"end\": \"198.18.1.9\", \"kind\": \"dynamic\"}");
        assertThat(outside.status()).as(outside.body()).isEqualTo(422);
        assertThat(outside.json().get("error").asText()).isEqualTo("refused");

        ApiNode.Reply taken = op("PUT", "/api/v1/subnets/198.18.0.0-24/hosts/52:54:00:00:00:99", "{\"address\": \"198.18.0.50\"}");
        assertThat(taken.status()).as(taken.body()).isEqualTo(409);

        assertThat(op("POST", "/api/v1/subnets/198.30.0.0-24/ranges",
                "{\"start\": \"198.30.0.1\", \"end\": \"198.30.0.9\", \"kind\": \"dynamic\"}").status()).isEqualTo(404);
    }

    @Test
    void hostsOptionsRangesAndSettingsChangeAndGo() throws Exception {
        String subnet = "/api/v1/subnets/198.18.0.0-24";
        ApiNode.Reply reserved = op("PUT", subnet + "/hosts/52:54:00:00:00:07", "{\"address\": \"198.18.0.70\", \"hostname\": \"node7\"}");
        assertThat(reserved.status()).as(reserved.body()).isEqualTo(200);
        assertThat(reserved.body()).contains("\"address\":\"198.18.0.70\"", "\"hostname\":\"node7\"");
        assertThat(op("PUT", subnet + "/hosts/52:54:00:00:00:07/options", "{\"name\": \"domain-name\", \"value\": \"host.test\"}")
                .body()).contains("\"scope\":\"host\"");
        assertThat(op("DELETE", subnet + "/hosts/52:54:00:00:00:07/options/15", null).status()).isEqualTo(204);
        assertThat(op("DELETE", subnet + "/hosts/52:54:00:00:00:07/options/15", null).status()).isEqualTo(404);
        assertThat(op("DELETE", subnet + "/hosts/52:54:00:00:00:07", null).status()).isEqualTo(204);
        assertThat(op("DELETE", subnet + "/hosts/52:54:00:00:00:07", null).status()).isEqualTo(404);

        assertThat(op("POST", subnet + "/ranges", "{\"start\": \"198.18.0.2\", \"end\": \"198.18.0.9\", \"kind\": \"reserved\"}").status())
                .isEqualTo(201);
        assertThat(op("DELETE", subnet + "/ranges/198.18.0.2", null).status()).isEqualTo(204);
        assertThat(op("DELETE", subnet + "/ranges/198.18.0.2", null).status()).isEqualTo(404);

        assertThat(op("PUT", subnet + "/options", "{\"code\": 42, \"value\": [\"198.18.0.2\"]}").status()).isEqualTo(200);
        assertThat(op("DELETE", subnet + "/options/42", null).status()).isEqualTo(204);

        ApiNode.Reply changed = op("PUT", subnet, "{\"lease-time\": \"15m\", \"authoritative\": false}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("settings").get("leaseTime").asLong()).isEqualTo(900);
        assertThat(changed.json().get("settings").get("authoritative").asBoolean()).isFalse();
        assertThat(changed.json().get("settings").get("managed").asBoolean()).isTrue();
    }

    @Test
    void pxeSettingsAreReplacedAsAWholeShownAndCleared() throws Exception {
        String subnet = "/api/v1/subnets/198.18.0.0-24";
        ApiNode.Reply set = op("PUT", subnet + "/pxe",
                "{\"next-server\": \"198.18.0.2\", \"bios\": \"lpxelinux.0\", \"ipxe-script\": \"http://198.18.0.2/boot.ipxe\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        JsonNode pxe = set.json().get("pxe");
        assertThat(pxe.get("nextServer").asText()).isEqualTo("198.18.0.2");
        assertThat(pxe.get("bios").asText()).isEqualTo("lpxelinux.0");
        assertThat(pxe.get("ipxeScript").asText()).isEqualTo("http://198.18.0.2/boot.ipxe");

        // A PUT is the whole block: what it leaves out is no longer set.
        JsonNode replaced = op("PUT", subnet + "/pxe", "{\"uefi-x64\": \"bootx64.efi\"}").json().get("pxe");
        assertThat(replaced.get("uefiX64").asText()).isEqualTo("bootx64.efi");
        assertThat(replaced.path("bios").isMissingNode() || replaced.get("bios").isNull()).isTrue();
        assertThat(api.get(subnet, api.readOnly).json().get("pxe").get("uefiX64").asText()).isEqualTo("bootx64.efi");

        ApiNode.Reply wrong = op("PUT", subnet + "/pxe", "{\"bios\": \"\", \"ipxe-script\": \"ftp://x/boot\", \"next-sever\": \"198.18.0.2\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(fields(wrong)).containsExactlyInAnyOrder("bios", "ipxe-script", "next-sever");

        assertThat(op("DELETE", subnet + "/pxe", null).status()).isEqualTo(204);
        JsonNode cleared = api.get(subnet, api.readOnly).json().get("pxe");
        assertThat(cleared.path("uefiX64").isMissingNode() || cleared.get("uefiX64").isNull()).isTrue();
        assertThat(op("PUT", "/api/v1/subnets/198.30.0.0-24/pxe", "{}").status()).isEqualTo(404);
        assertThat(api.send("PUT", subnet + "/pxe", api.readOnly, "{}").status()).isEqualTo(403);
    }

    @Test
    void globalOptionsReachEveryServedSubnetAndTheOnesDefinedLater() throws Exception {
        assertThat(api.get("/api/v1/options", api.readOnly).json()).isEmpty();
        ApiNode.Reply set = op("PUT", "/api/v1/options", "{\"code\": 225, \"hex\": \"bb\", \"always-send\": true}");
        try {
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            String global225 = "{\"scope\":\"global\",\"host\":null,\"code\":225,\"value\":\"bb\",\"alwaysSend\":true}";
            assertThat(set.body()).isEqualTo("[" + global225 + "]");
            assertThat(api.get("/api/v1/subnets/198.18.0.0-24", api.readOnly).json().get("options").toString())
                    .contains(global225);
            assertThat(op("POST", "/api/v1/subnets", "{\"cidr\": \"198.19.12.0/24\"}").json().get("options").toString())
                    .as("a subnet defined later starts with the global options in force").contains(global225);

            // In the reply, though the probe does not ask for it (always-send).
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), api.dhcpPort());
            try (RelayProbe probe = new RelayProbe(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    new RelayProbe.ProbeOptions(new byte[] {0x52, 0x54, 0, 0, 0x0c, 1}, Ipv4Address.parse("198.18.0.1"),
                            Duration.ofSeconds(5), false, null))) {
                Dhcp4Message ack = probe.run().orElseThrow(() -> new AssertionError("no reply"));
                assertThat(ack.option(io.leaseledger.wire.dhcp4.OptionCode.valueOf(225)))
                        .hasValueSatisfying(v -> assertThat(v).containsExactly(0xbb));
            }

            assertThat(api.send("PUT", "/api/v1/options", api.readOnly, "{\"code\": 225, \"hex\": \"cc\"}").status())
                    .isEqualTo(403);
            assertThat(api.send("PUT", "/api/v1/options", null, "{\"code\": 225, \"hex\": \"cc\"}").status()).isEqualTo(401);
            ApiNode.Reply wrong = op("PUT", "/api/v1/options", "{\"code\": 300, \"hex\": \"zz\"}");
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(fields(wrong)).contains("code");
            assertThat(op("DELETE", "/api/v1/options/x", null).status()).isEqualTo(400);
            assertThat(api.send("DELETE", "/api/v1/options/225", api.readOnly, null).status()).isEqualTo(403);
        } finally {
            assertThat(op("DELETE", "/api/v1/options/225", null).status()).isEqualTo(204);
        }
        assertThat(op("DELETE", "/api/v1/options/225", null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/options", api.readOnly).json()).isEmpty();
        assertThat(api.get("/api/v1/subnets", api.readOnly).body()).doesNotContain("\"code\":225");
    }

    @Test
    void aRemovedSubnetIsNoLongerServed() throws Exception {
        assertThat(op("POST", "/api/v1/subnets", "{\"cidr\": \"198.19.9.0/24\"}").status()).isEqualTo(201);
        assertThat(op("DELETE", "/api/v1/subnets/198.19.9.0-24", null).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/subnets/198.19.9.0-24", api.readOnly).status()).isEqualTo(404);
        assertThat(op("DELETE", "/api/v1/subnets/198.19.9.0-24", null).status()).isEqualTo(404);
    }

    @Test
    void writesNeedTheOperatorRole() throws Exception {
        ApiNode.Reply r = api.send("POST", "/api/v1/subnets", api.readOnly, "{\"cidr\": \"198.19.5.0/24\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(api.send("DELETE", "/api/v1/subnets/198.18.0.0-24", null, null).status()).isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/subnets", api.admin, "{\"cidr\": \"198.19.6.0/24\"}").status()).isEqualTo(201);
    }
}
