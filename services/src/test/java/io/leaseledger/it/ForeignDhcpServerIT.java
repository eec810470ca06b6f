package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leaseledger.it.harness.ChildProcess;
import io.leaseledger.it.harness.DhcpMessage;
import io.leaseledger.it.harness.DhcpReply;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.ScapyLan;
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
 * server detected"); its own OFFER to the same client is not mistaken for another server's.
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
        ChildProcess rogue = lab.start(rogueNic.namespace(), "rogue-dnsmasq", List.of(Requirements.path("dnsmasq"),
                "--no-daemon", "--port=0", "--conf-file=/dev/null", "--no-hosts", "--no-resolv", "--bind-interfaces",
                "--interface=" + rogueNic.name(), "--leasefile-ro", "--pid-file=" + lab.dir().resolve("rogue.pid"),
                "--dhcp-range=198.18.0.200,198.18.0.210,255.255.255.0,300"));

        VethLink.End nic = lan.client("c");
        // Both servers answer the DISCOVER; dnsmasq may still be starting: ask again (bounded) until it has.
        List<DhcpReply> offers = new ArrayList<>();
        for (int attempt = 0; attempt < 10 && offers.stream().noneMatch(o -> o.serverId().equals(ROGUE)); attempt++) {
            assertThat(rogue.isAlive()).as("dnsmasq runs: %s", rogue.logTail()).isTrue();
            offers.addAll(lab.scapy(nic).exchange(DhcpMessage.discover(nic.mac(), 0x0f0e0001 + attempt), Duration.ofSeconds(3), 2));
        }
        assertThat(offers).extracting(DhcpReply::serverId).as("the client heard both servers").contains(ROGUE, lan.serverAddress());

        String bridge = Pattern.quote(lan.serverInterface());
        lan.server().process().awaitLine(Pattern.compile("another DHCP server answers on " + bridge + ": "
                + Pattern.quote(ROGUE) + " \\(from " + Pattern.quote(ROGUE) + " " + Pattern.quote(rogueNic.mac())
                + "\\) sent a DHCPOFFER to " + Pattern.quote(nic.mac()) + " offering 198\\.18\\.0\\.2\\d\\d"), Duration.ofSeconds(10));
        assertThat(lan.server().process().log()).as("its own replies are not another server's")
                .doesNotContain("another DHCP server answers on " + lan.serverInterface() + ": " + lan.serverAddress() + " ");
        assertThat(lan.server().process().log()).contains("foreign DHCP listener on [" + lan.serverInterface() + "]");
    }
}
