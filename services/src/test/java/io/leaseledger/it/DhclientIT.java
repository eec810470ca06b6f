package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.it.harness.Dhclient;
import io.leaseledger.it.harness.DhcpMessage;
import io.leaseledger.it.harness.DhcpReply;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.PacketCapture;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.ServedLan;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.VethLink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ISC dhclient, the client most Linux installers use, against the server in namespaces. */
@Tag("netns")
@Timeout(240)
class DhclientIT {
    private static final Duration BIND = Duration.ofSeconds(60);

    @RegisterExtension
    final Lab lab = new Lab();

    @BeforeEach
    void requirements() {
        Requirements.assumeServedLan("dhclient", "tcpdump", "tshark");
    }

    @Test
    void doraLeasesAnAddressFromTheDynamicRange() {
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 2, Duration.ofSeconds(60)));
        Dhclient client = Dhclient.on(lab, lan.client("c"), "dhclient").start();

        String address = client.awaitBound(1, BIND);

        assertThat(address).isIn("198.18.0.100", "198.18.0.101");
        assertThat(client.interfaceAddresses()).contains(address + "/24");
        assertThat(client.events()).contains("BOUND ip=" + address).contains("routers=198.18.0.1");
    }

    @Test
    void renewalKeepsTheAddress() {
        // 20 s lease: T1 at 10 s, so dhclient renews by itself (unicast, ciaddr set) within the test.
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 2, Duration.ofSeconds(20)));
        PacketCapture wire = lan.capture();
        Dhclient client = Dhclient.on(lab, lan.client("c"), "dhclient").start();
        String address = client.awaitBound(1, BIND);

        String renewed = client.awaitBound(2, Duration.ofSeconds(150));

        assertThat(renewed).isEqualTo(address);
        List<Map<String, String>> renewals = wire.read(
                "dhcp.option.dhcp == 3 && dhcp.ip.client == " + address, "ip.dst", "dhcp.ip.client");
        assertThat(renewals).as("a RENEWING request (ciaddr set), unicast to the server\n" + wire.summary())
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("ip.dst")).isEqualTo(lan.serverAddress()));
        assertThat(wire.read("dhcp.option.dhcp == 5 && dhcp.ip.your == " + address, "dhcp.ip.your"))
                .as("the first ACK and the renewal's ACK").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void releaseFreesTheAddressForAnotherClient() {
        // One address: while A holds it nobody else gets it; after A releases it, B does.
        Requirements.assumeScapy();
        ServedLan lan = ServedLan.start(lab, ServedSubnet.small(0, 1, Duration.ofSeconds(300)));
        Dhclient a = Dhclient.on(lab, lan.client("a"), "dhclient-a").start();
        String address = a.awaitBound(1, BIND);
        VethLink.End bNic = lan.client("b");
        List<DhcpReply> whileHeld = lab.scapy(bNic)
                .exchange(DhcpMessage.discover(bNic.mac(), 0x0b0b0001), Duration.ofSeconds(4), 1);
        assertThat(whileHeld).as("no offer from an exhausted pool").isEmpty();

        PacketCapture wire = lan.capture();
        assertThat(a.release().exitCode()).isZero();
        assertThat(wire.read("dhcp.option.dhcp == 7", "dhcp.ip.client"))
                .as("DHCPRELEASE on the wire").extracting(r -> r.get("dhcp.ip.client")).containsExactly(address);

        Dhclient b = Dhclient.on(lab, bNic, "dhclient-b").start();
        assertThat(b.awaitBound(1, BIND)).isEqualTo(address);
    }
}
