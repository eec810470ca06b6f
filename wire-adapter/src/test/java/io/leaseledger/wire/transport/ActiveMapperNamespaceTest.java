package io.leaseledger.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.arp.ActiveMapper;
import io.leaseledger.wire.arp.ArpListener;
import io.leaseledger.wire.arp.ArpSighting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Active mapping on a real link: a host that never speaks first (no datagram, no ARP of its own)
 * is found all the same, because its kernel answers the ARP request for its address and the
 * listener hears the answer.
 */
@Tag("netns")
class ActiveMapperNamespaceTest {

    @Test
    void aSilentHostAnswersTheScanAndIsHeard() throws Exception {
        String reason = NetnsLab.unavailableReason();
        Assumptions.assumeTrue(reason == null, () -> "namespace test skipped: " + reason);
        var sightings = new LinkedBlockingQueue<ArpSighting>();
        try (NetnsLab lab = new NetnsLab()) {
            String server = lab.namespace("s");
            String silent = lab.namespace("q");
            lab.veth(server, "srv0", silent, "cli0");
            NetnsLab.run(NetnsLab.IP, "-n", silent, "link", "set", "cli0", "address", "02:11:22:33:44:55");
            NetnsLab.run(NetnsLab.IP, "-n", server, "addr", "add", "198.18.9.1/26", "dev", "srv0");
            NetnsLab.run(NetnsLab.IP, "-n", silent, "addr", "add", "198.18.9.50/26", "dev", "cli0");
            var scan = new ActiveMapper.Scan("srv0", Ipv4Address.parse("198.18.9.1"), Ipv4Address.parse("198.18.9.1"),
                    Ipv4Address.parse("198.18.9.62"));
            try (ArpListener listener = lab.inNamespace(server, () -> ArpListener.start(List.of("srv0"), sightings::add))) {
                // Silent indeed: before the scan, the listener hears nothing of it.
                assertThat(sightings.poll(1500, TimeUnit.MILLISECONDS)).isNull();
                try (ActiveMapper mapper = lab.inNamespace(server, () -> ActiveMapper.start(() -> List.of(scan),
                        Duration.ZERO, Duration.ofMinutes(1)))) {
                    scanned(mapper, sightings);
                }
                assertThat(listener.interfaces()).containsExactly("srv0");
            }
        }
    }

    /** The silent host heard (bounded wait), and the scan complete: every address asked once. */
    private static void scanned(ActiveMapper mapper, LinkedBlockingQueue<ArpSighting> sightings) throws Exception {
        ArpSighting expected = new ArpSighting("srv0", Ipv4Address.parse("198.18.9.50"), MacAddress.parse("02:11:22:33:44:55"));
        List<ArpSighting> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!seen.contains(expected) && System.nanoTime() < deadline) {
            ArpSighting next = sightings.poll(200, TimeUnit.MILLISECONDS);
            if (next != null) {
                seen.add(next);
            }
        }
        assertThat(seen).contains(expected);
        for (int i = 0; i < 300 && mapper.completed() == 0; i++) { // 61 requests at 20 a second
            Thread.sleep(50);
        }
        assertThat(mapper.completed()).isEqualTo(1);
        assertThat(mapper.sent()).as("every address of the scan but the sender's").isEqualTo(61);
        assertThat(mapper.failed()).isZero();
        sightings.drainTo(seen);
        assertThat(seen).as("nobody else is on the link").containsOnly(expected);
    }
}
