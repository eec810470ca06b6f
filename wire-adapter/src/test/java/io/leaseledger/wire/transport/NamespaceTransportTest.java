package io.leaseledger.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaseledger.wire.dhcp4.MessageType;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The transport on real links: a server namespace with three veth links to three client
 * namespaces, the transport serving two of them (on port 67: namespaces keep it private). Clients
 * are Debian's python3 with plain sockets (sending from 0.0.0.0:68, as a client without an address
 * does) and packet sockets (receiving frames for an address they do not have yet).
 */
@Tag("netns")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NamespaceTransportTest {

    /**
     * Client side. "discover DEV PORT MAC XID" broadcasts a DHCPDISCOVER built here, independently
     * of our codec (RFC 2131 §2: BOOTP header, magic cookie, option 53 = 1, end);
     * "listen DEV" prints the first UDP/68 frame it sees.
     */
    private static final String CLIENT = """
            import socket, struct, sys
            mode, dev = sys.argv[1], sys.argv[2]
            if mode == 'discover':
                mac, xid = bytes.fromhex(sys.argv[4].replace(':', '')), int(sys.argv[5], 16)
                header = struct.pack('!BBBBIHH4s4s4s4s16s64s128s', 1, 1, 6, 0, xid, 0, 0x8000,
                                     bytes(4), bytes(4), bytes(4), bytes(4), mac.ljust(16, b'\\0'), bytes(64), bytes(128))
                discover = header + bytes([99, 130, 83, 99, 53, 1, 1, 255])
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
                s.setsockopt(socket.SOL_SOCKET, 25, dev.encode())  # SO_BINDTODEVICE
                s.bind(('0.0.0.0', 68))
                s.sendto(discover, ('255.255.255.255', int(sys.argv[3])))
            else:
                s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
                s.bind((dev, 0))
                s.settimeout(8)
                print('READY', flush=True)
                while True:
                    frame, meta = s.recvfrom(65535)
                    if meta[2] == socket.PACKET_OUTGOING:
                        continue
                    ip = frame[14:]
                    ihl = (ip[0] & 15) * 4
                    if ip[9] != 17 or struct.unpack('!H', ip[ihl + 2:ihl + 4])[0] != 68:
                        continue
                    print(frame[0:6].hex(':'), socket.inet_ntoa(ip[16:20]), ip[ihl + 8:].hex(), flush=True)
                    break
            """;

    private static final Map<String, String> CLIENT_MAC = Map.of(
            "a", "02:11:22:33:44:0a", "b", "02:11:22:33:44:0b", "c", "02:11:22:33:44:0c");

    private NetnsLab lab;
    private String server;
    private final Map<String, String> clientNs = new HashMap<>();
    private DhcpTransport transport;
    private final BlockingQueue<DecodedRequest> received = new ArrayBlockingQueue<>(16);

    @BeforeAll
    void createLinksAndServeTwoOfThem() throws Exception {
        String reason = NetnsLab.unavailableReason();
        Assumptions.assumeTrue(reason == null, () -> "namespace test skipped: " + reason);
        lab = new NetnsLab();
        try {
            server = lab.namespace("s");
            int subnet = 1;
            for (String link : List.of("a", "b", "c")) {
                String client = lab.namespace(link);
                clientNs.put(link, client);
                lab.veth(server, serverSide(link), client, clientSide(link));
                NetnsLab.run(NetnsLab.IP, "-n", client, "link", "set", clientSide(link), "address", CLIENT_MAC.get(link));
                NetnsLab.run(NetnsLab.IP, "-n", server, "addr", "add", "198.18." + subnet++ + ".1/24", "dev",
                        serverSide(link));
            }
            transport = lab.inNamespace(server, () -> DhcpTransport.start(
                    TransportConfig.interfaces(serverSide("a"), serverSide("b")),
                    new DecodingHandler((request, t) -> received.add(request))));
        } catch (Throwable e) {
            tearDown();
            throw e;
        }
    }

    @AfterAll
    void tearDown() {
        try {
            if (transport != null) {
                transport.close();
            }
        } finally {
            if (lab != null) {
                lab.close();
            }
        }
    }

    @Test
    void discoverOnEachConfiguredLinkArrivesTaggedWithItsInterfaceAndTheUnconfiguredLinkIsNotServed()
            throws Exception {
        // The unconfigured link first: had it been received, it would be there before the others.
        discoverFrom("c", 0xc);
        discoverFrom("a", 0xa);
        discoverFrom("b", 0xb);

        Map<Integer, DecodedRequest> byXid = new HashMap<>();
        for (int i = 0; i < 2; i++) {
            DecodedRequest request = received.poll(5, TimeUnit.SECONDS);
            assertThat(request).as("DISCOVER %d of 2 within 5 s", i + 1).isNotNull();
            byXid.put(request.message().xid(), request);
        }
        assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("nothing from the unconfigured link").isNull();
        assertThat(byXid).containsOnlyKeys(0xa, 0xb);

        for (String link : List.of("a", "b")) {
            DecodedRequest request = byXid.get(Integer.parseInt(link, 16));
            assertThat(request.message().messageType()).isEqualTo(MessageType.DISCOVER);
            assertThat(request.message().hardwareAddressString()).isEqualTo(CLIENT_MAC.get(link));
            var ingress = (Ingress.Interface) request.ingress();
            assertThat(ingress.name()).isEqualTo(serverSide(link));
            assertThat(ingress.index()).isEqualTo(ifindex(serverSide(link)));
            assertThat(ingress.addresses()).containsExactly(ReplyAddressingTest.ip(link.equals("a")
                    ? "198.18.1.1" : "198.18.2.1"));
            assertThat(request.sender()).isEqualTo(new InetSocketAddress("0.0.0.0", 68));
            assertThat(request.recipient()).isEqualTo(new InetSocketAddress("255.255.255.255", 67));
        }
        assertThat(transport.counters().received()).isEqualTo(2);
        assertThat(transport.counters().drops()).isEmpty();
        assertThat(transport.bindings()).extracting(Binding::ingress).extracting(i -> ((Ingress.Interface) i).name())
                .containsExactly(serverSide("a"), serverSide("b"));
    }

    @Test
    void replyToAClientWithoutAnAddressIsUnicastToItsHardwareAddressThroughANeighbourEntry() throws Exception {
        var mac = HardwareAddress.ethernet(CLIENT_MAC.get("a"));
        var destination = new ReplyDestination.UnicastToHardwareAddress(
                new InetSocketAddress("198.18.1.50", 68), mac);

        String frame = replyAndCapture("a", destination, "OFFER to a");

        assertThat(frame).isEqualTo(CLIENT_MAC.get("a") + " 198.18.1.50 " + hex("OFFER to a"));
        assertThat(NetnsLab.run(NetnsLab.IP, "-n", server, "neigh", "show", "198.18.1.50", "dev", serverSide("a")))
                .contains("lladdr " + CLIENT_MAC.get("a"));
        assertThat(transport.counters().sent(ReplyPath.UNICAST_WITH_NEIGHBOUR_ENTRY)).isEqualTo(1);
    }

    @Test
    void replyToANonEthernetClientWithoutAnAddressFallsBackToBroadcast() throws Exception {
        var infiniband = new HardwareAddress(32, HexFormat.of().parseHex("0011223344556677"));
        var destination = new ReplyDestination.UnicastToHardwareAddress(
                new InetSocketAddress("198.18.2.60", 68), infiniband);

        String frame = replyAndCapture("b", destination, "OFFER to b");

        assertThat(frame).isEqualTo("ff:ff:ff:ff:ff:ff 255.255.255.255 " + hex("OFFER to b"));
        assertThat(transport.counters().sent(ReplyPath.BROADCAST_NOT_ETHERNET)).isEqualTo(1);
        assertThat(NetnsLab.run(NetnsLab.IP, "-n", server, "neigh", "show", "198.18.2.60")).isBlank();
    }

    @Test
    void secondServerOnTheSameLinkAndPortIsRefusedRatherThanSplittingTraffic() {
        assertThatThrownBy(() -> lab.inNamespace(server, () -> DhcpTransport.start(
                TransportConfig.interfaces(serverSide("a")), (d, t) -> { })))
                .hasCauseInstanceOf(BindFailedException.class)
                .cause().hasMessageContaining(serverSide("a"));
    }

    @Test
    void interfaceOfAnotherNamespaceDoesNotExistHere() {
        // The server's links are invisible from the root namespace this JVM runs in.
        assertThatThrownBy(() -> DhcpTransport.start(TransportConfig.interfaces(serverSide("a")), (d, t) -> { }))
                .isInstanceOf(UnknownInterfaceException.class)
                .hasMessageContaining(serverSide("a"));
    }

    private String replyAndCapture(String link, ReplyDestination destination, String payload) throws Exception {
        Process listener = new ProcessBuilder(NetnsLab.IP, "netns", "exec", clientNs.get(link), NetnsLab.PYTHON,
                "-c", CLIENT, "listen", clientSide(link)).redirectErrorStream(true).start();
        try (var lines = new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(readLine(lines)).isEqualTo("READY");
            Ingress via = transport.bindings().stream().map(Binding::ingress)
                    .filter(i -> ((Ingress.Interface) i).name().equals(serverSide(link))).findFirst().orElseThrow();
            transport.send(new OutboundDatagram(via, destination,
                    Unpooled.copiedBuffer(payload, StandardCharsets.US_ASCII))).get(5, TimeUnit.SECONDS);
            return readLine(lines);
        } finally {
            listener.destroy();
            listener.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String readLine(BufferedReader lines) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return lines.readLine();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    private void discoverFrom(String link, int xid) {
        NetnsLab.run(NetnsLab.IP, "netns", "exec", clientNs.get(link), NetnsLab.PYTHON, "-c", CLIENT, "discover",
                clientSide(link), "67", CLIENT_MAC.get(link), Integer.toHexString(xid));
    }

    private int ifindex(String name) {
        String line = NetnsLab.run(NetnsLab.IP, "-n", server, "-o", "link", "show", name);
        return Integer.parseInt(line.substring(0, line.indexOf(':')));
    }

    private String serverSide(String link) {
        return lab.prefix + link + "0";
    }

    private String clientSide(String link) {
        return lab.prefix + link + "1";
    }

    private static String hex(String text) {
        return ByteBufUtil.hexDump(text.getBytes(StandardCharsets.US_ASCII));
    }
}
