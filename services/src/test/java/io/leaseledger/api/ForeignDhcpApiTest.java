package io.leaseledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.server.ForeignDhcpServers;
import io.leaseledger.wire.foreign.ForeignReply;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/foreign-dhcp-servers}: what the node's list holds, for the read-only role and
 * up. The node serves loopback only (no link to hear, so its listener never starts); the replies
 * are handed to its list as the listener would hand them (the listener itself is proved on a real
 * link against dnsmasq: {@code ForeignDhcpListenerNamespaceTest}).
 */
class ForeignDhcpApiTest extends RunningApi {
    private static final String PATH = "/api/v1/foreign-dhcp-servers";

    /**
     * Hands the node's list two replies as its listener would: an OFFER from a rogue router on
     * eth1 (192.168.1.1, MAC 02:dd:00:00:00:01, offering 192.168.1.50), then a NAK from 10.9.9.9
     * relayed through 10.9.9.1. OpenApiResponsesTest lists them too.
     */
    static void hearTwoServers(ApiNode api) {
        ForeignDhcpServers servers = api.node.context().getBean(ForeignDhcpServers.class);
        servers.accept(new ForeignReply("eth1", Ipv4Address.parse("192.168.1.1"), Ipv4Address.parse("192.168.1.1"),
                Optional.of(MacAddress.parse("02:dd:00:00:00:01")), "DHCPOFFER", "52:54:00:aa:bb:cc",
                Optional.of(Ipv4Address.parse("192.168.1.50"))));
        servers.accept(new ForeignReply("eth1", Ipv4Address.parse("10.9.9.9"), Ipv4Address.parse("10.9.9.1"),
                Optional.empty(), "DHCPNAK", "52:54:00:aa:bb:cd", Optional.empty()));
    }

    @Test
    void theServersHeardAreListedMostRecentFirst() throws Exception {
        hearTwoServers(api);

        ApiNode.Reply reply = api.get(PATH, api.readOnly);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("listening")).as("a loopback-only node hears no link").isEmpty();
        assertThat(json.get("unremembered").asLong()).isZero();
        assertThat(json.get("servers").findValuesAsText("server")).containsExactly("10.9.9.9", "192.168.1.1");
        JsonNode rogue = json.get("servers").get(1);
        assertThat(rogue.get("iface").asText()).isEqualTo("eth1");
        assertThat(rogue.get("sourceMac").asText()).isEqualTo("02:dd:00:00:00:01");
        assertThat(rogue.get("lastMessageType").asText()).isEqualTo("DHCPOFFER");
        assertThat(rogue.get("lastClient").asText()).isEqualTo("52:54:00:aa:bb:cc");
        assertThat(rogue.get("lastOffered").asText()).isEqualTo("192.168.1.50");
        assertThat(rogue.get("replies").asLong()).isEqualTo(1);
        assertThat(rogue.get("firstHeard").asText()).isNotBlank();
        JsonNode relayed = json.get("servers").get(0);
        assertThat(relayed.get("sourceAddress").asText()).isEqualTo("10.9.9.1");
        assertThat(relayed.get("sourceMac").isNull()).isTrue();
        assertThat(relayed.get("lastOffered").isNull()).isTrue();
    }

    @Test
    void aTokenIsNeeded() throws Exception {
        assertThat(api.get(PATH, null).status()).isEqualTo(401);
        assertThat(api.get(PATH, api.operator).status()).isEqualTo(200);
    }
}
