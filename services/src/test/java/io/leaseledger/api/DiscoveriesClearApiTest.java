package io.leaseledger.api;

import static io.leaseledger.api.DiscoveriesApiTest.CLIENT;
import static io.leaseledger.api.DiscoveriesApiTest.RESERVED;
import static io.leaseledger.api.DiscoveriesApiTest.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.cli.RootCommand;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.server.DeviceDiscovery;
import io.leaseledger.wire.arp.ArpSighting;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code DELETE /api/v1/discoveries} (and {@code leaseledger discoveries clear}): devices leave
 * the list as the subnet records the clear, the others stay, and a device still on the link is
 * listed anew when next heard (the node forgot that it had recorded it within the hour).
 */
class DiscoveriesClearApiTest extends RunningApi {
    private static final String PATH = "/api/v1/discoveries";

    @Test
    void aClearedDeviceLeavesTheListAndComesBackWhenHeardAgain() throws Exception {
        DiscoveriesApiTest.hearThreeDevices(api);
        assertThat(macs()).contains(STRANGER, CLIENT, RESERVED);

        assertThat(api.send("DELETE", PATH + "?mac=" + STRANGER, api.readOnly, null).status()).isEqualTo(403);
        ApiNode.Reply bad = api.send("DELETE", PATH + "?mac=nonsense", api.operator, null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").get(0).get("field").asText()).isEqualTo("mac");
        assertThat(api.send("DELETE", PATH + "?address=10.9.9.9", api.operator, null).status()).isEqualTo(404);
        assertThat(api.send("DELETE", PATH + "?subnet=198.18.0.0-24&address=198.18.1.9", api.operator, null).status())
                .isEqualTo(400);

        ApiNode.Reply cleared = api.send("DELETE", PATH + "?mac=" + STRANGER, api.operator, null);
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(200);
        assertThat(cleared.json().get("subnets")).extracting(JsonNode::asText).containsExactly("198.18.0.0/24");
        assertThat(cleared.json().get("mac").asText()).isEqualTo(STRANGER);
        assertThat(cleared.json().get("address").isNull()).isTrue();
        awaitMacs(macs -> !macs.contains(STRANGER));
        assertThat(macs()).containsExactlyInAnyOrder(RESERVED, CLIENT);

        api.node.context().getBean(DeviceDiscovery.class)
                .accept(new ArpSighting("eth1", Ipv4Address.parse("198.18.0.7"), MacAddress.parse(STRANGER)));
        awaitMacs(macs -> macs.contains(STRANGER));
        JsonNode again = api.get(PATH + "?mac=" + STRANGER, api.readOnly).json().get("items").get(0);
        assertThat(again.get("records").asLong()).as("listed anew").isEqualTo(1);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new RootCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                .execute("discoveries", "clear", "--url", api.base.toString(), "--token", api.operator);
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("cleared every device on 198.18.0.0/24" + System.lineSeparator());
        awaitMacs(List::isEmpty);
    }

    private List<String> macs() throws Exception {
        List<String> macs = new ArrayList<>();
        api.get(PATH, api.readOnly).json().get("items").forEach(d -> macs.add(d.get("mac").asText()));
        return macs;
    }

    private void awaitMacs(Predicate<List<String>> condition) throws Exception {
        for (int i = 0; i < 200 && !condition.test(macs()); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.test(macs())).as("the list, within 10 s: %s", macs()).isTrue();
    }
}
