package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leaseledger.events.subnet.ForeignDhcpServerObserved;
import io.leaseledger.it.harness.ChildProcess;
import io.leaseledger.it.harness.DhcpMessage;
import io.leaseledger.it.harness.DhcpReply;
import io.leaseledger.it.harness.LeaseLedgerServer;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.ScapyLan;
import io.leaseledger.it.harness.Segment;
import io.leaseledger.it.harness.ServedLan;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.VethLink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A second DHCP server on the LAN LeaseLedger serves — dnsmasq, as a forgotten home router or a
 * misconfigured hypervisor would be — answers a client's DISCOVER too. LeaseLedger hears that
 * OFFER on its own interface and names the other server in a warning (MAAS's "external DHCP
 * server detected") and records it in the event log; its own OFFER to the same client is not
 * mistaken for another server's.
 */
@Tag("netns")
@Timeout(240)
class ForeignDhcpServerIT extends ScapyLan {
    private static final String ROGUE = "198.18.0.50";

    @Test
    void anotherServerAnsweringOnTheLanIsHeardAndNamed() throws Exception {
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 3, Duration.ofSeconds(120)));
        assumeTrue(lan.server().isLeaseLedger(), "the foreign DHCP listener is LeaseLedger's own");
        VethLink.End rogueNic = lan.client("r").address(ROGUE + "/24");
        ChildProcess rogue = rogueDnsmasq(rogueNic);

        VethLink.End nic = lan.client("c");
        // Both servers answer the DISCOVER; dnsmasq may still be starting: ask again (bounded) until it has.
        List<DhcpReply> offers = new ArrayList<>();
        for (int attempt = 0; attempt < 10 && offers.stream().noneMatch(o -> o.serverId().equals(ROGUE)); attempt++) {
            assertThat(rogue.isAlive()).as("dnsmasq runs: %s", rogue.logTail()).isTrue();
            offers.addAll(lab.scapy(nic).exchange(DhcpMessage.discover(nic.mac(), 0x0f0e0001 + attempt), Duration.ofSeconds(3), 2));
        }
        assertThat(offers).extracting(DhcpReply::serverId).as("the client heard both servers").contains(ROGUE, lan.serverAddress());

        String bridge = Pattern.quote(lan.serverInterface());
        // To the client, or to the server's own probe if that came first: one line per server.
        lan.server().process().awaitLine(Pattern.compile("another DHCP server answers on " + bridge + ": "
                + Pattern.quote(ROGUE) + " \\(from " + Pattern.quote(ROGUE) + " " + Pattern.quote(rogueNic.mac())
                + "\\) sent a DHCPOFFER to [0-9a-f:]{17} offering 198\\.18\\.0\\.2\\d\\d"), Duration.ofSeconds(10));
        assertThat(lan.server().process().log()).as("its own replies are not another server's")
                .doesNotContain("another DHCP server answers on " + lan.serverInterface() + ": " + lan.serverAddress() + " ");
        assertThat(lan.server().process().log()).contains("foreign DHCP listener on [" + lan.serverInterface() + "]");
    }

    /**
     * No client at all: the server's own probe (a DISCOVER it broadcasts 5 s after it starts serving,
     * from its interface's MAC with the local bit flipped) is answered by dnsmasq, already running
     * on the LAN, and the server names it. The server's own transport never sees its probe.
     */
    @Test
    void theServersProbeFindsAnotherServerWhileNoClientAsks() throws Exception {
        ServedSubnet subnet = ServedSubnet.small(0, 3, Duration.ofSeconds(120));
        NetworkNamespace serverNs = lab.namespace("s");
        Segment lan = lab.segment(serverNs, subnet.gateway() + "/24");
        VethLink.End rogueNic = lan.attach(lab.namespace("r")).address(ROGUE + "/24");
        ChildProcess rogue = rogueDnsmasq(rogueNic);
        Thread.sleep(1_000); // dnsmasq binds its port before the server's first probe
        LeaseLedgerServer server = lab.leaseLedger(serverNs, List.of(lan.bridge()), subnet.gateway(), "commit", subnet);
        String bridgeMac = serverNs.execOk("cat", "/sys/class/net/" + lan.bridge() + "/address").stdout().strip();
        String probeMac = String.format("%02x", Integer.parseInt(bridgeMac.substring(0, 2), 16) ^ 0x02) + bridgeMac.substring(2);

        server.process().awaitLine(Pattern.compile("another DHCP server answers on " + Pattern.quote(lan.bridge()) + ": "
                + Pattern.quote(ROGUE) + " .* sent a DHCPOFFER to " + Pattern.quote(probeMac) + " offering "), Duration.ofSeconds(30));
        assertThat(rogue.isAlive()).isTrue();
        assertThat(server.process().log()).contains("probing for other DHCP servers on [" + lan.bridge() + "] every PT10M");
        // Stopped, the transport says what it read: nothing, the probe went to the wire only.
        server.process().terminate(Duration.ofSeconds(30));
        assertThat(server.process().log()).contains("DHCP transport closed (received=0 ");

        // The sighting outlives the process: an event of the subnet served on that link.
        List<ForeignDhcpServerObserved> recorded = StoppedServerStores.recorded(server, ForeignDhcpServerObserved.class);
        assertThat(recorded).singleElement().satisfies(e -> {
            assertThat(e.subnetId().toString()).isEqualTo(subnet.cidr());
            assertThat(e.iface()).isEqualTo(lan.bridge());
            assertThat(e.server()).hasToString(ROGUE);
            assertThat(e.sourceMac()).hasToString(rogueNic.mac());
            assertThat(e.messageType()).isEqualTo("DHCPOFFER");
            assertThat(e.client()).hasToString(probeMac);
            assertThat(e.offered().toString()).startsWith("198.18.0.2");
        });
    }

    private ChildProcess rogueDnsmasq(VethLink.End nic) {
        return lab.start(nic.namespace(), "rogue-dnsmasq", List.of(Requirements.path("dnsmasq"),
                "--no-daemon", "--port=0", "--conf-file=/dev/null", "--no-hosts", "--no-resolv", "--bind-interfaces",
                "--interface=" + nic.name(), "--leasefile-ro", "--pid-file=" + lab.dir().resolve("rogue.pid"),
                "--dhcp-range=198.18.0.200,198.18.0.210,255.255.255.0,300"));
    }
}
