package io.leaseledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.cli.RootCommand;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.server.DeviceDiscovery;
import io.leaseledger.wire.arp.ArpSighting;
import io.leaseledger.wire.mdns.MdnsName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/discoveries}: the devices heard on the served links, end to end from what the
 * ARP listener hands the node ({@link DeviceDiscovery}) through the subnet's mailbox, the event
 * log and the projection to the answer. The node serves loopback only (no link, so its listener
 * never starts): the claims are handed over as the listener would hand them (the listener itself
 * is proved on a real link: {@code ArpListenerNamespaceTest}, {@code ArpConflictIT}).
 */
class DiscoveriesApiTest extends RunningApi {
    private static final String PATH = "/api/v1/discoveries";
    static final String STRANGER = "52:54:00:00:09:99";
    static final String CLIENT = "52:54:00:00:09:01";
    /** The reservation of {@link ApiNode#yaml}: 52:54:00:00:00:01 at 198.18.0.50, probe-host. */
    static final String RESERVED = "52:54:00:00:00:01";

    String leased;

    /**
     * Heard: the reserved host on its address, a client on the address it just leased, a stranger
     * on 198.18.0.7 (twice, then its mDNS name), and a device outside every served subnet.
     */
    static String hearThreeDevices(ApiNode api) throws Exception {
        String leased = api.dora(CLIENT);
        DeviceDiscovery discovery = api.node.context().getBean(DeviceDiscovery.class);
        discovery.accept(new ArpSighting("eth1", Ipv4Address.parse("198.18.0.50"), MacAddress.parse(RESERVED)));
        discovery.accept(new ArpSighting("eth1", Ipv4Address.parse(leased), MacAddress.parse(CLIENT)));
        discovery.accept(new ArpSighting("eth1", Ipv4Address.parse("198.18.0.7"), MacAddress.parse(STRANGER)));
        discovery.accept(new ArpSighting("eth2", Ipv4Address.parse("198.18.0.7"), MacAddress.parse(STRANGER)));
        discovery.accept(new ArpSighting("eth1", Ipv4Address.parse("10.1.1.1"), MacAddress.parse(STRANGER)));
        discovery.heardName(new MdnsName("eth1", Ipv4Address.parse("198.18.0.7"), MacAddress.parse(STRANGER), "printer-7"));
        for (int i = 0; i < 200 && !api.get(PATH, api.readOnly).body().contains("printer-7"); i++) {
            Thread.sleep(50);
        }
        return leased;
    }

    @BeforeAll
    void hear() throws Exception {
        leased = hearThreeDevices(api);
    }

    @Test
    void theDevicesHeardAreListedWithWhatTheServerKnowsOfThem() throws Exception {
        ApiNode.Reply reply = api.get(PATH, api.readOnly);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode items = reply.json().get("items");
        assertThat(items.findValuesAsText("address")).containsExactly("198.18.0.7", "198.18.0.50", leased);
        assertThat(reply.json().get("nextCursor").isNull()).isTrue();

        JsonNode stranger = items.get(0);
        assertThat(stranger.get("subnet").asText()).isEqualTo("198.18.0.0/24");
        assertThat(stranger.get("mac").asText()).isEqualTo(STRANGER);
        assertThat(stranger.get("iface").asText()).as("heard again within the hour: not recorded again").isEqualTo("eth1");
        assertThat(stranger.get("records").asLong()).as("its ARP once, then the name it announced").isEqualTo(2);
        assertThat(stranger.get("known").isNull()).isTrue();
        assertThat(stranger.get("hostname").isNull()).isTrue();
        assertThat(stranger.get("mdnsHostname").asText()).isEqualTo("printer-7");
        assertThat(items.get(1).get("mdnsHostname").isNull()).isTrue();

        JsonNode reserved = items.get(1);
        assertThat(reserved.get("known").asText()).isEqualTo("RESERVATION");
        assertThat(reserved.get("hostname").asText()).isEqualTo("probe-host");
        assertThat(items.get(2).get("known").asText()).isEqualTo("LEASE");
        assertThat(items.get(2).get("mac").asText()).isEqualTo(CLIENT);
    }

    @Test
    void unknownOnlyListsTheStrangerAndFiltersNarrowTheList() throws Exception {
        assertThat(api.get(PATH + "?unknown=true", api.readOnly).json().get("items").findValuesAsText("mac"))
                .containsExactly(STRANGER);
        assertThat(api.get(PATH + "?mac=52-54-00-00-00-01&subnet=198.18.0.0-24", api.readOnly).json().get("items")
                .findValuesAsText("address")).containsExactly("198.18.0.50");
        assertThat(api.get(PATH + "?subnet=198.19.0.0/24", api.readOnly).json().get("items")).isEmpty();
    }

    @Test
    void pagesFollowTheirCursor() throws Exception {
        JsonNode first = api.get(PATH + "?limit=2", api.readOnly).json();
        assertThat(first.get("items")).hasSize(2);
        String cursor = first.get("nextCursor").asText();
        JsonNode second = api.get(PATH + "?limit=2&cursor=" + cursor, api.readOnly).json();
        assertThat(second.get("items").findValuesAsText("address")).containsExactly(leased);
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void theStrangersOnTheLinkAreAGaugePerSubnet() throws Exception {
        ApiNode.Reply scrape = api.get("/metrics", null);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("leaseledger_discovery_unknown_devices{subnet=\"198.18.0.0/24\"} 1.0");
    }

    @Test
    void whatTheDiscoveryDidIsCounted() {
        DeviceDiscovery discovery = api.node.context().getBean(DeviceDiscovery.class);
        assertThat(discovery.counted(DeviceDiscovery.Outcome.REPORTED)).isEqualTo(4);
        assertThat(discovery.counted(DeviceDiscovery.Outcome.REPEATED)).isEqualTo(1);
        assertThat(discovery.counted(DeviceDiscovery.Outcome.NOT_SERVED)).isEqualTo(1);
        assertThat(discovery.counted(DeviceDiscovery.Outcome.OVERLOADED)).isZero();
        assertThat(discovery.remembered()).isEqualTo(3);
    }

    @Test
    void theCliListsThemAsATableAndAsJson() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new RootCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("discoveries", "--url", api.base.toString(), "--token", api.readOnly);
        assertThat(code).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.getFirst()).startsWith("SUBNET").contains("ADDRESS", "MAC", "KNOWN", "LAST SEEN");
        assertThat(lines.get(1)).contains("198.18.0.7", STRANGER, "unknown", "printer-7", "eth1");
        assertThat(lines.get(2)).contains("198.18.0.50", RESERVED, "reservation", "probe-host");
        assertThat(lines.get(3)).contains(leased, CLIENT, "lease");

        StringWriter json = new StringWriter();
        code = new CommandLine(new RootCommand()).setOut(new PrintWriter(json)).setErr(new PrintWriter(err))
                .execute("discoveries", "--unknown", "--json", "--url", api.base.toString(), "--token", api.readOnly);
        assertThat(code).as(err.toString()).isZero();
        JsonNode devices = ApiNode.JSON.readTree(json.toString());
        assertThat(devices.findValuesAsText("mac")).containsExactly(STRANGER);
    }

    @Test
    void wrongParametersAreNamedAndATokenIsNeeded() throws Exception {
        for (String query : new String[] {"?unknown=maybe", "?mac=nope", "?subnet=198.18.0.0", "?limit=0", "?cursor=bm9wZQ"}) {
            ApiNode.Reply reply = api.get(PATH + query, api.readOnly);
            assertThat(reply.status()).as(query + ": " + reply.body()).isEqualTo(400);
            assertThat(reply.json().get("error").asText()).isEqualTo("invalid");
        }
        assertThat(api.get(PATH, null).status()).isEqualTo(401);
    }
}
