package io.leaseledger.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.foreign.ForeignDhcpListener;
import io.leaseledger.wire.foreign.ForeignDhcpProber;
import io.leaseledger.wire.foreign.ForeignReply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The foreign DHCP listener on a real link, against a real other server: dnsmasq serves the far
 * end of a veth; the near end, where the listener is, broadcasts a DISCOVER (Debian's python3)
 * and dnsmasq's OFFER is heard and reported. A reply this host sends itself, and a busy link of
 * other UDP, are not.
 */
@Tag("netns")
class ForeignDhcpListenerNamespaceTest {
    private static final String DNSMASQ = "/usr/sbin/dnsmasq";
    private static final String ROGUE_MAC = "02:11:22:33:44:77";

    /** DEV TYPE SOURCE_PORT DEST_PORT: one DHCP message of TYPE, broadcast from DEV; then waits a second for answers. */
    private static final String SEND = """
            import socket, struct, sys, time
            dev, kind, sport, dport = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
            mac = bytes.fromhex(open('/sys/class/net/%s/address' % dev).read().strip().replace(':', ''))
            op = 1 if kind in (1, 3) else 2
            msg = struct.pack('!BBBBIHH', op, 1, 6, 0, 0x1eaf1eaf, 0, 0x8000) + bytes(16) + mac + bytes(10 + 64 + 128)
            msg += bytes([99, 130, 83, 99, 53, 1, kind])
            if op == 2:
                msg += bytes([54, 4]) + socket.inet_aton('198.18.9.1')
            msg += bytes([255]) + bytes(60)
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, dev.encode())
            s.bind(('', sport))
            s.sendto(msg, ('255.255.255.255', dport))
            s.settimeout(1)
            try:
                while True:
                    s.recv(2048)
            except socket.timeout:
                pass
            """;

    @BeforeEach
    void requirements() {
        String reason = NetnsLab.unavailableReason();
        Assumptions.assumeTrue(reason == null, () -> "namespace test skipped: " + reason);
        Assumptions.assumeTrue(Files.isExecutable(Path.of(DNSMASQ)), "dnsmasq is not installed");
    }

    @Test
    void anotherServersOfferIsHeardAndOurOwnRepliesAreNot() throws Exception {
        var replies = new LinkedBlockingQueue<ForeignReply>();
        try (NetnsLab lab = new NetnsLab(); RogueLink link = RogueLink.start(lab)) {
            String server = link.server();
            String serverMac = link.serverMac();
            try (ForeignDhcpListener listener = lab.inNamespace(server,
                    () -> ForeignDhcpListener.start(List.of("srv0"), replies::add))) {
                assertThat(listener.interfaces()).containsExactly("srv0");
                // Our own "reply", sent from here: outgoing, never reported. Then UDP that is no DHCP.
                NetnsLab.run(NetnsLab.IP, "netns", "exec", server, NetnsLab.PYTHON, "-c", SEND, "srv0", "2", "67", "68");
                NetnsLab.run(NetnsLab.IP, "netns", "exec", server, NetnsLab.PYTHON, "-c", SEND, "srv0", "1", "68", "9");
                // A client's DISCOVER from here, until dnsmasq (still starting, perhaps) answers it.
                List<ForeignReply> heard = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (heard.isEmpty() && System.nanoTime() < deadline) {
                    NetnsLab.run(NetnsLab.IP, "netns", "exec", server, NetnsLab.PYTHON, "-c", SEND, "srv0", "1", "68", "67");
                    replies.drainTo(heard);
                }
                assertThat(heard).as("dnsmasq's answers heard on srv0").isNotEmpty();
                ForeignReply offer = heard.getFirst();
                assertThat(offer.iface()).isEqualTo("srv0");
                assertThat(offer.server()).isEqualTo(Ipv4Address.parse("198.18.9.50"));
                assertThat(offer.sourceAddress()).isEqualTo(Ipv4Address.parse("198.18.9.50"));
                assertThat(offer.sourceMac()).contains(MacAddress.parse(ROGUE_MAC));
                assertThat(offer.messageType()).isEqualTo("DHCPOFFER");
                assertThat(offer.client()).isEqualTo(serverMac);
                assertThat(offer.offered()).hasValueSatisfying(a -> assertThat(a.toUnsigned())
                        .isBetween(Ipv4Address.parse("198.18.9.100").toUnsigned(), Ipv4Address.parse("198.18.9.150").toUnsigned()));
                assertThat(heard).extracting(ForeignReply::server).doesNotContain(Ipv4Address.parse("198.18.9.1"));
                assertThat(listener.heard()).isEqualTo(heard.size() + replies.size());
            }
        }
    }

    /** Counts DHCP datagrams reaching UDP port 67 on DEV for SECONDS: what this host's own server would get. */
    private static final String SERVER_PORT_WATCH = """
            import socket, sys, time
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, sys.argv[1].encode())
            s.bind(('', 67))
            print('ready', flush=True)
            s.settimeout(0.2)
            n, end = 0, time.time() + float(sys.argv[2])
            while time.time() < end:
                try:
                    s.recv(2048)
                    n += 1
                except socket.timeout:
                    pass
            print(n, flush=True)
            """;

    @Test
    void theProbeFindsAServerNoClientAskedAndNeverReachesThisHostsOwnServer() throws Exception {
        var replies = new LinkedBlockingQueue<ForeignReply>();
        try (NetnsLab lab = new NetnsLab(); RogueLink link = RogueLink.start(lab)) {
            String server = link.server();
            String serverMac = link.serverMac();
            String probeMac = String.format("%02x", Integer.parseInt(serverMac.substring(0, 2), 16) ^ 0x02) + serverMac.substring(2);
            Process watch = new ProcessBuilder(NetnsLab.IP, "netns", "exec", server, NetnsLab.PYTHON, "-c",
                    SERVER_PORT_WATCH, "srv0", "8").redirectErrorStream(true).start();
            try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(watch.getInputStream()))) {
                assertThat(output.readLine()).isEqualTo("ready");
                Thread.sleep(1_000); // dnsmasq binds its port
                try (ForeignDhcpListener listener = lab.inNamespace(server,
                             () -> ForeignDhcpListener.start(List.of("srv0"), replies::add));
                     ForeignDhcpProber prober = lab.inNamespace(server, () -> ForeignDhcpProber.start(List.of("srv0"),
                             java.time.Duration.ZERO, java.time.Duration.ofSeconds(2)))) {
                    ForeignReply offer = replies.poll(8, TimeUnit.SECONDS);
                    assertThat(offer).as("dnsmasq's answer to the probe").isNotNull();
                    assertThat(offer.server()).isEqualTo(Ipv4Address.parse("198.18.9.50"));
                    assertThat(offer.messageType()).isEqualTo("DHCPOFFER");
                    assertThat(offer.client()).isEqualTo(probeMac);
                    assertThat(prober.sent()).isPositive();
                    assertThat(prober.failed()).isZero();
                }
                assertThat(watch.waitFor(20, TimeUnit.SECONDS)).isTrue();
                assertThat(output.readLine()).as("probes that reached this host's own port 67").isEqualTo("0");
            } finally {
                watch.destroy();
            }
        }
    }

    /**
     * Two namespaces joined by a veth: {@code server} (srv0, 198.18.9.1) where the test listens,
     * and {@code rogue} (rog0, 198.18.9.50, {@link #ROGUE_MAC}) where dnsmasq serves
     * 198.18.9.100–150. Closing stops dnsmasq by its PID; the lab removes the namespaces.
     */
    private record RogueLink(String server, String rogue, Process dnsmasq) implements AutoCloseable {
        static RogueLink start(NetnsLab lab) throws java.io.IOException {
            String server = lab.namespace("s");
            String rogue = lab.namespace("r");
            lab.veth(server, "srv0", rogue, "rog0");
            NetnsLab.run(NetnsLab.IP, "-n", rogue, "link", "set", "rog0", "address", ROGUE_MAC);
            NetnsLab.run(NetnsLab.IP, "-n", server, "addr", "add", "198.18.9.1/24", "dev", "srv0");
            NetnsLab.run(NetnsLab.IP, "-n", rogue, "addr", "add", "198.18.9.50/24", "dev", "rog0");
            Process dnsmasq = new ProcessBuilder(NetnsLab.IP, "netns", "exec", rogue, DNSMASQ, "--no-daemon",
                    "--conf-file=/dev/null", "--port=0", "--interface=rog0", "--bind-interfaces", "--leasefile-ro",
                    "--pid-file", "--dhcp-range=198.18.9.100,198.18.9.150,1h")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return new RogueLink(server, rogue, dnsmasq);
        }

        String serverMac() {
            return NetnsLab.run(NetnsLab.IP, "netns", "exec", server, "cat", "/sys/class/net/srv0/address").strip();
        }

        @Override
        public void close() throws InterruptedException {
            dnsmasq.destroy();
            if (!dnsmasq.waitFor(5, TimeUnit.SECONDS)) {
                dnsmasq.destroyForcibly();
            }
        }
    }
}
