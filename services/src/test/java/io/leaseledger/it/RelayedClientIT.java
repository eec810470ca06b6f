package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.it.harness.ChildProcess;
import io.leaseledger.it.harness.Dhclient;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.PacketCapture;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.Segment;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.VethLink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client two hops away, behind ISC dhcrelay: three namespaces, server ({@code 198.18.1.1})
 * — relay ({@code 198.18.1.2} up, {@code 198.18.2.1} down) — client. The server serves its own
 * link and, selected by giaddr, the relayed {@code 198.18.2.0/24}.
 */
@Tag("netns")
@Timeout(180)
class RelayedClientIT {
    @RegisterExtension
    final Lab lab = new Lab();

    @BeforeEach
    void requirements() {
        Requirements.assumeServedLan("dhcrelay", "dhclient", "tcpdump", "tshark");
    }

    @Test
    void clientBehindRelayLeasesFromTheRelayedSubnetAndOption82IsEchoed() {
        NetworkNamespace serverNs = lab.namespace("s");
        Segment uplink = lab.segment(serverNs, "198.18.1.1/24");
        NetworkNamespace relayNs = lab.namespace("r");
        VethLink.End relayUp = uplink.attach(relayNs).address("198.18.1.2/24");
        serverNs.execOk("ip", "route", "add", "198.18.2.0/24", "via", "198.18.1.2");
        Segment access = lab.segment(relayNs, "198.18.2.1/24");
        VethLink.End clientNic = access.attach(lab.namespace("c"));
        lab.server(serverNs, List.of(uplink.bridge()), "198.18.1.1",
                ServedSubnet.small(1, 2, Duration.ofSeconds(120)), ServedSubnet.small(2, 2, Duration.ofSeconds(120)));
        PacketCapture wire = lab.capture(serverNs, uplink.bridge());
        // -a: add option 82 (circuit id = the interface the request came in on).
        ChildProcess relay = lab.start(relayNs, "dhcrelay", List.of(Requirements.path("dhcrelay"), "-4", "-d", "-a",
                "-pf", lab.dir().resolve("dhcrelay.pid").toString(),
                "-id", access.bridge(), "-iu", relayUp.name(), "198.18.1.1"));
        relay.awaitLine(Pattern.compile("Sending on\\s+Socket/fallback"), Duration.ofSeconds(30));

        String address = Dhclient.on(lab, clientNic, "dhclient").start().awaitBound(1, Duration.ofSeconds(60));

        assertThat(address).isIn("198.18.2.100", "198.18.2.101");
        String field = "dhcp.option.agent_information_option.agent_circuit_id";
        List<Map<String, String>> relayed = wire.read("ip.dst == 198.18.1.1 && udp.dstport == 67", "dhcp.ip.relay", field);
        List<Map<String, String>> replies = wire.read("ip.src == 198.18.1.1 && udp.srcport == 67", "dhcp.ip.relay", field);
        assertThat(relayed).as("requests relayed with option 82\n" + wire.summary()).isNotEmpty()
                .allSatisfy(r -> assertThat(r.get(field)).isNotEmpty());
        String circuit = relayed.getFirst().get(field);
        assertThat(replies).as("every reply to the relay echoes option 82\n" + wire.summary()).isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.get("dhcp.ip.relay")).isEqualTo("198.18.2.1");
                    assertThat(r.get(field)).isEqualTo(circuit);
                });
    }
}
