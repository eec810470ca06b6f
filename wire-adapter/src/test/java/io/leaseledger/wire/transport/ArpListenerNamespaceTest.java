package io.leaseledger.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.arp.ArpDrop;
import io.leaseledger.wire.arp.ArpListener;
import io.leaseledger.wire.arp.ArpSighting;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ARP listener on a real link: a server namespace listens on its end of a veth; a client
 * namespace sends ARP frames built by hand (Debian's python3, a raw packet socket) and a datagram
 * to the server, so its kernel ARPs too. Claims reach the sink; probes, foreign types, garbage and the server's own
 * ARP is not heard at all.
 */
@Tag("netns")
class ArpListenerNamespaceTest {

    /** "DEV": sends, each as a full Ethernet frame from the client's MAC: a claim, a probe, an IPv6-typed ARP, an unknown op. */
    private static final String SENDER = """
            import socket, sys
            dev = sys.argv[1]
            s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
            s.bind((dev, 0))
            mac = s.getsockname()[4]
            def arp(htype_ptype, op, sender_ip):
                body = htype_ptype + bytes([6, 4]) + op + mac + sender_ip + bytes(6) + socket.inet_aton('198.18.9.1')
                s.send(b'\\xff' * 6 + mac + b'\\x08\\x06' + body + bytes(18))
            arp(b'\\x00\\x01\\x08\\x00', b'\\x00\\x01', socket.inet_aton('198.18.9.77'))
            arp(b'\\x00\\x01\\x08\\x00', b'\\x00\\x01', bytes(4))
            arp(b'\\x00\\x01\\x86\\xdd', b'\\x00\\x01', socket.inet_aton('198.18.9.78'))
            arp(b'\\x00\\x01\\x08\\x00', b'\\x00\\x09', socket.inet_aton('198.18.9.79'))
            """;

    /** A datagram to the server's address: the client's kernel must ARP for it first. */
    private static final String UDP_TO_SERVER = """
            import socket, time
            socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('198.18.9.1', 9))
            time.sleep(1)
            """;

    @Test
    void claimsOnTheLinkReachTheSinkAndTheRestIsCounted() throws Exception {
        String reason = NetnsLab.unavailableReason();
        Assumptions.assumeTrue(reason == null, () -> "namespace test skipped: " + reason);
        var sightings = new LinkedBlockingQueue<ArpSighting>();
        try (NetnsLab lab = new NetnsLab()) {
            String server = lab.namespace("s");
            String client = lab.namespace("c");
            lab.veth(server, "srv0", client, "cli0");
            NetnsLab.run(NetnsLab.IP, "-n", client, "link", "set", "cli0", "address", "02:11:22:33:44:77");
            NetnsLab.run(NetnsLab.IP, "-n", server, "addr", "add", "198.18.9.1/24", "dev", "srv0");
            NetnsLab.run(NetnsLab.IP, "-n", client, "addr", "add", "198.18.9.50/24", "dev", "cli0");
            try (ArpListener listener = lab.inNamespace(server, () -> ArpListener.start(List.of("srv0"), sightings::add))) {
                assertThat(listener.interfaces()).containsExactly("srv0");
                NetnsLab.run(NetnsLab.IP, "netns", "exec", client, NetnsLab.PYTHON, "-c", SENDER, "cli0");
                // The client's kernel asks for the server (a request from .50); the server's reply is its own.
                NetnsLab.run(NetnsLab.IP, "netns", "exec", client, NetnsLab.PYTHON, "-c", UDP_TO_SERVER);

                MacAddress mac = MacAddress.parse("02:11:22:33:44:77");
                var expected = List.of(new ArpSighting("srv0", Ipv4Address.parse("198.18.9.77"), mac),
                        new ArpSighting("srv0", Ipv4Address.parse("198.18.9.50"), mac));
                var seen = new java.util.ArrayList<ArpSighting>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!seen.containsAll(expected) && System.nanoTime() < deadline) {
                    ArpSighting next = sightings.poll(200, TimeUnit.MILLISECONDS);
                    if (next != null) {
                        seen.add(next);
                    }
                }
                assertThat(seen).containsAll(expected);
                assertThat(seen).extracting(ArpSighting::address).doesNotContain(Ipv4Address.parse("198.18.9.1"),
                        Ipv4Address.parse("198.18.9.78"), Ipv4Address.parse("198.18.9.79"));
                assertThat(listener.dropped(ArpDrop.PROBE)).isEqualTo(1);
                assertThat(listener.dropped(ArpDrop.NOT_ETHERNET_IPV4)).isEqualTo(1);
                assertThat(listener.dropped(ArpDrop.MALFORMED)).isEqualTo(1);
                // The server's ARP reply is outgoing: a packet socket for ETH_P_ARP never hears it.
                assertThat(listener.frames()).isGreaterThanOrEqualTo(5);
            }
        }
    }

    @Test
    void anInterfaceThatDoesNotExistIsSkippedNotFatal() throws Exception {
        String reason = NetnsLab.unavailableReason();
        Assumptions.assumeTrue(reason == null, () -> "namespace test skipped: " + reason);
        try (NetnsLab lab = new NetnsLab()) {
            String server = lab.namespace("s");
            try (ArpListener listener = lab.inNamespace(server, () -> ArpListener.start(List.of("nosuch0"), s -> { }))) {
                assertThat(listener.interfaces()).isEmpty();
            }
        }
    }
}
