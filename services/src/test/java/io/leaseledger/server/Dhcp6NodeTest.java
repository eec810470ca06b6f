package io.leaseledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.metrics.DhcpMetrics;
import io.leaseledger.wire.dhcp6.Dhcp6Codec;
import io.leaseledger.wire.dhcp6.Dhcp6Drop;
import io.leaseledger.wire.dhcp6.Dhcp6MessageType;
import io.leaseledger.wire.dhcp6.Dhcp6Option;
import io.leaseledger.wire.dhcp6.Dhcp6Options;
import io.leaseledger.wire.dhcp6.Dhcp6Packet;
import io.leaseledger.wire.dhcp6.Ipv6Prefix;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with a {@code dhcp6:} block, on loopback: a relay's Information-request is
 * answered through a RELAY-REPL on the relay's own port, a datagram that is no message is a
 * counted drop, and the server answers the next one.
 */
class Dhcp6NodeTest {
    private static final byte[] CLIENT_DUID = {0, 3, 0, 1, 2, 0, 0, 0, 0, 7};

    @TempDir
    Path dir;

    @Test
    void answersARelayedInformationRequestAndCountsWhatItDrops() throws Exception {
        int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
        var config = new ConfigurationLoader(HostInterfaces.system()).parse("""
                server: {port: %d, bind: [127.0.0.1], warm-up: false}
                store: {kind: h2, path: %s}
                dhcp6:
                  port: %d
                  bind: ['::1']
                  links:
                    - prefix: 2001:2:0:1::/64
                      dns-servers: ['2001:2:0:1::53']
                      domain-search: [maas.example]
                """.formatted(port, dir.resolve("data"), port + 1), "test.yaml");

        try (LeaseLedgerNode node = LeaseLedgerNode.start(config, Clock.systemUTC());
             var relay = new DatagramSocket(new InetSocketAddress(Ipv6Prefix.address("::1"), 0))) {
            relay.setSoTimeout(5_000);
            var server = new InetSocketAddress(Ipv6Prefix.address("::1"), port + 1);
            send(relay, server, new byte[] {12, 0, 1});

            send(relay, server, Dhcp6Codec.encode(new Dhcp6Packet.Relay(Dhcp6MessageType.RELAY_FORW.value(), 0,
                    Ipv6Prefix.address("2001:2:0:1::1"), Ipv6Prefix.address("fe80::2:ff:fe00:7"), List.of(
                    new Dhcp6Option(Dhcp6Options.RELAY_SOURCE_PORT, new byte[2]),
                    new Dhcp6Option(Dhcp6Options.RELAY_MSG, Dhcp6Codec.encode(new Dhcp6Packet.Message(
                            Dhcp6MessageType.INFORMATION_REQUEST, 0x0a0b0c, List.of(
                            new Dhcp6Option(Dhcp6Options.CLIENTID, CLIENT_DUID),
                            new Dhcp6Option(Dhcp6Options.ORO, new byte[] {0, 23, 0, 24})))))))));
            var answer = new DatagramPacket(new byte[1500], 1500);
            relay.receive(answer);

            var relayReply = (Dhcp6Packet.Relay) Dhcp6Codec.decode(java.util.Arrays.copyOf(answer.getData(), answer.getLength()));
            assertThat(relayReply.type()).isEqualTo(Dhcp6MessageType.RELAY_REPL.value());
            var reply = (Dhcp6Packet.Message) relayReply.relayed();
            assertThat(reply.type()).isEqualTo(Dhcp6MessageType.REPLY.value());
            assertThat(reply.transactionId()).isEqualTo(0x0a0b0c);
            assertThat(Dhcp6Options.addresses(reply.option(Dhcp6Options.DNS_SERVERS).orElseThrow()))
                    .containsExactly(Ipv6Prefix.address("2001:2:0:1::53"));
            assertThat(reply.option(Dhcp6Options.SERVERID).orElseThrow().data())
                    .isEqualTo(config.dhcp6().orElseThrow().serverDuid().bytes());

            var counters = node.dhcp6().orElseThrow().counters();
            assertThat(counters.dropped(Dhcp6Drop.MALFORMED)).isEqualTo(1);
            assertThat(counters.received(Dhcp6MessageType.INFORMATION_REQUEST)).isEqualTo(1);
            assertThat(counters.sent(Dhcp6MessageType.REPLY)).isEqualTo(1);
            var registry = node.context().getBean(DhcpMetrics.class).registry();
            assertThat(registry.get("leaseledger.dhcp6.packets.dropped").tag("reason", "malformed").functionCounter().count())
                    .isEqualTo(1.0);
            assertThat(registry.get("leaseledger.dhcp6.packets.sent").tag("type", "reply").functionCounter().count())
                    .isEqualTo(1.0);
        }
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, byte[] datagram) throws Exception {
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }
}
