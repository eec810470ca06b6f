package io.leaseledger.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.it.harness.Dhclient;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.LeaseLedgerServer;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.PacketCapture;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.Segment;
import io.leaseledger.it.harness.ServedSubnet;
import io.leaseledger.it.harness.VethLink;
import io.leaseledger.streaming.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hot-standby pair of real {@code serve} processes on one LAN (docs/ha.md), their events and
 * heartbeats through a real Kafka broker (KRaft, in this JVM, forwarded into their namespaces):
 * two ISC dhclients bind from the primary; the primary is killed ({@code kill -9}); when they
 * rebind, the standby answers each with the address the primary gave; a third client gets another.
 */
@Tag("netns")
@Timeout(300)
class HotStandbyIT {
    private static final Duration LEASE = Duration.ofSeconds(20);

    @RegisterExtension
    final Lab lab = new Lab();
    private KafkaBroker broker;

    @BeforeEach
    void requirements() {
        Requirements.assumeServedLan("dhclient", "socat", "tcpdump", "tshark");
    }

    @AfterEach
    void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    private static String ha(String name, String role, String partner, String bootstrap) {
        return """
                node: {name: %s}
                kafka: {bootstrap-servers: ['%s'], partitions: 2, replication-factor: 1}
                ha:
                  mode: hot-standby
                  role: %s
                  partner: %s
                  heartbeat-interval: 1s
                  max-response-delay: 3s
                  max-unacked-clients: 0
                """.formatted(name, bootstrap, role, partner);
    }

    @Test
    void theStandbyRebindsTheClientsOfAKilledPrimaryWithTheirAddresses() throws Exception {
        broker = KafkaBroker.start(lab.subdir("kafka"));
        String bootstrap = broker.bootstrapServers();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));

        ServedSubnet subnet = ServedSubnet.small(0, 4, LEASE);
        NetworkNamespace nsA = lab.namespace("a");
        NetworkNamespace nsB = lab.namespace("b");
        Segment lan = lab.segment(nsA, subnet.gateway() + "/24");
        VethLink.End bNic = lan.attach(nsB).address("198.18.0.2/24");
        lab.forwardTcp(nsA, port);
        lab.forwardTcp(nsB, port);
        PacketCapture wire = lab.capture(nsA, lan.bridge());

        LeaseLedgerServer primary = lab.leaseLedger(nsA, "rack-a", List.of(lan.bridge()), subnet.gateway(),
                ha("rack-a", "primary", "rack-b", bootstrap), subnet);
        LeaseLedgerServer standby = lab.leaseLedger(nsB, "rack-b", List.of(bNic.name()), "198.18.0.2",
                ha("rack-b", "standby", "rack-a", bootstrap), subnet);
        primary.process().awaitLine(Pattern.compile("HA: \\S+ → serving"), Duration.ofSeconds(60));
        // Usually waiting → standby; on a loaded machine the standby's Kafka consumer may take longer
        // than max-response-delay to hear the first heartbeat: waiting → partner-down → standby then,
        // before any client asks (the wire check below holds it to having offered nothing meanwhile).
        standby.process().awaitLine(Pattern.compile("HA: (waiting|partner-down) → standby"), Duration.ofSeconds(60));
        standby.process().awaitLine(Pattern.compile("HA: partner rack-a heard \\(serving, addresses \\[198\\.18\\.0\\.1\\]\\)"),
                Duration.ofSeconds(30));

        // Two clients bind from the primary: the second one's address is not the pool's first free one,
        // so a standby that did not know the primary's leases would give it to someone else.
        Dhclient first = Dhclient.on(lab, lan.attach(lab.namespace("c")), "dhclient-c").start();
        String firstAddress = first.awaitBound(1, Duration.ofSeconds(60));
        Dhclient second = Dhclient.on(lab, lan.attach(lab.namespace("d")), "dhclient-d").start();
        String address = second.awaitBound(1, Duration.ofSeconds(60));
        assertThat(address).isNotEqualTo(firstAddress);
        // The primary's grants reach the standby through Kafka in milliseconds (docs/benchmarks.md,
        // "Publish lag"); a bounded wait before the crash.
        Thread.sleep(2_000);
        primary.process().killNow(Duration.ofSeconds(10));
        standby.process().awaitLine(Pattern.compile("HA: standby → partner-down"), Duration.ofSeconds(30));

        // T1: dhclient renews by unicast to the dead primary; then it rebinds by broadcast (T2), or, when
        // its retransmissions pass T2 and the lease runs out, starts again with a DISCOVER: either way
        // the standby answers, with the address the primary gave.
        assertThat(second.awaitBound(2, Duration.ofSeconds(60))).isEqualTo(address);
        assertThat(first.awaitBound(2, Duration.ofSeconds(60))).isEqualTo(firstAddress);
        Dhclient third = Dhclient.on(lab, lan.attach(lab.namespace("e")), "dhclient-e").start();
        String another = third.awaitBound(1, Duration.ofSeconds(60));
        assertThat(another).as("the standby knows both addresses are taken").isNotIn(firstAddress, address);

        // The standby hears the primary's replies on the LAN, and knows them for its partner's.
        assertThat(standby.process().log()).doesNotContain("another DHCP server answers");
        List<Map<String, String>> acks = wire.read("dhcp.option.dhcp == 5", "ip.src", "dhcp.ip.your");
        assertThat(acks).as(wire.summary()).startsWith(Map.of("ip.src", subnet.gateway(), "dhcp.ip.your", firstAddress),
                Map.of("ip.src", subnet.gateway(), "dhcp.ip.your", address));
        assertThat(acks).as(wire.summary()).contains(Map.of("ip.src", "198.18.0.2", "dhcp.ip.your", address),
                Map.of("ip.src", "198.18.0.2", "dhcp.ip.your", another));
        // While the primary lived, the standby offered nobody anything.
        List<Map<String, String>> offers = wire.read("dhcp.option.dhcp == 2", "ip.src", "dhcp.ip.your");
        assertThat(offers.subList(0, 2)).as(wire.summary())
                .allSatisfy(offer -> assertThat(offer.get("ip.src")).isEqualTo(subnet.gateway()));
    }
}
