package io.leaseledger.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.wire.dhcp4.Dhcp4Decoder;
import io.leaseledger.wire.dhcp4.Dhcp4Encoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The probe against a scripted peer on loopback: what it sends, and how it reads replies. */
class RelayProbeTest {

    private static final byte[] MAC = {2, 0, 0, 0, 0, 7};

    @Test
    void runsDoraAsARelayAndAsksForRepliesOnItsOwnPort() throws Exception {
        List<Dhcp4Message> seen = new ArrayList<>();
        try (DatagramSocket peer = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread answering = Thread.ofVirtual().start(() -> answerTwice(peer, seen));
            RelayProbe.ProbeOptions options = new RelayProbe.ProbeOptions(
                    MAC, Ipv4Address.parse("198.18.7.1"), Duration.ofSeconds(3), false, "node-7");
            Optional<Dhcp4Message> last;
            try (RelayProbe probe = new RelayProbe((InetSocketAddress) peer.getLocalSocketAddress(),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), options)) {
                last = probe.run();
                assertThat(probe.transcript()).hasSize(2);
            }
            answering.join(5_000);

            assertThat(last).map(Dhcp4Message::messageType).contains(MessageType.ACK);
            assertThat(seen).extracting(Dhcp4Message::messageType).containsExactly(MessageType.DISCOVER, MessageType.REQUEST);
            Dhcp4Message discover = seen.getFirst();
            assertThat(Ipv4Address.format(discover.giaddr())).isEqualTo("127.0.0.1");
            assertThat(discover.hops()).isEqualTo(1);
            RelayAgentInformation agent = discover.get(OptionCatalog.RELAY_AGENT_INFORMATION).orElseThrow();
            assertThat(agent.linkSelection()).contains(Ipv4Address.parse("198.18.7.1"));
            assertThat(agent.subOption(RelayProbe.RELAY_SOURCE_PORT)).isPresent();
            assertThat(discover.get(OptionCatalog.HOST_NAME)).contains("node-7");
            Dhcp4Message request = seen.get(1);
            assertThat(request.get(OptionCatalog.REQUESTED_IP_ADDRESS)).contains(Ipv4Address.parse("198.18.7.10"));
            assertThat(request.get(OptionCatalog.SERVER_IDENTIFIER)).contains(Ipv4Address.parse("198.18.7.1"));
        }
    }

    @Test
    void silenceIsReportedAsNoReply() throws Exception {
        try (DatagramSocket deaf = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                RelayProbe probe = new RelayProbe((InetSocketAddress) deaf.getLocalSocketAddress(),
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        new RelayProbe.ProbeOptions(MAC, null, Duration.ofMillis(300), false, null))) {
            assertThat(probe.run()).isEmpty();
            assertThat(probe.transcript()).singleElement().satisfies(e -> assertThat(e.received()).isEmpty());
        }
    }

    /** Replies as a server would to a relay: to the datagram's source, since the probe asked (RFC 8357). */
    private static void answerTwice(DatagramSocket peer, List<Dhcp4Message> seen) {
        try {
            peer.setSoTimeout(5_000);
            for (MessageType reply : List.of(MessageType.OFFER, MessageType.ACK)) {
                DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
                peer.receive(p);
                Dhcp4Message request = Dhcp4Decoder.decode(p.getData(), 0, p.getLength());
                seen.add(request);
                Dhcp4Message answer = Dhcp4Message.replyTo(request, reply)
                        .yiaddr(Ipv4Address.parse("198.18.7.10"))
                        .put(OptionCatalog.SERVER_IDENTIFIER, Ipv4Address.parse("198.18.7.1"))
                        .put(OptionCatalog.LEASE_TIME, 600L)
                        .build();
                byte[] bytes = Dhcp4Encoder.encode(answer);
                peer.send(new DatagramPacket(bytes, bytes.length, p.getSocketAddress()));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
