package io.leaseledger.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.events.types.Duid;
import io.leaseledger.metrics.DhcpMetrics;
import io.leaseledger.probe.Dhcp6Probe;
import io.leaseledger.wire.dhcp6.Dhcp6Drop;
import io.leaseledger.wire.dhcp6.Dhcp6MessageType;
import io.leaseledger.wire.dhcp6.Dhcp6Options;
import io.leaseledger.wire.dhcp6.Ipv6Prefix;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with a {@code dhcp6:} block, on loopback: the probe's relayed Information-request is
 * answered through a RELAY-REPL on the probe's own port, a datagram that is no message and a
 * request for a link with no prefix configured are counted drops, and the server keeps answering.
 */
class Dhcp6NodeTest {
    @TempDir
    Path dir;

    @BeforeEach
    void needsIpv6OnLoopback() {
        try (var probe = new DatagramSocket(new InetSocketAddress(Ipv6Prefix.address("::1"), 0))) {
            assumeTrue(probe.isBound());
        } catch (java.io.IOException e) {
            assumeTrue(false, "no IPv6 on lo (" + e.getMessage() + "): nothing to serve DHCPv6 on here");
        }
    }

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
                      ntp-servers: ['2001:2:0:1::123']
                """.formatted(port, dir.resolve("data"), port + 1), "test.yaml");

        try (LeaseLedgerNode node = LeaseLedgerNode.start(config, Clock.systemUTC());
             var relay = new DatagramSocket(new InetSocketAddress(Ipv6Prefix.address("::1"), 0))) {
            relay.setSoTimeout(5_000);
            var server = new InetSocketAddress(Ipv6Prefix.address("::1"), port + 1);
            send(relay, server, new byte[] {12, 0, 1});

            var reply = Dhcp6Probe.informationRequest(server, Ipv6Prefix.address("2001:2:0:1::1"),
                    Duid.parse("00:03:00:01:02:00:00:00:00:07"), Duration.ofSeconds(5)).orElseThrow();

            assertThat(reply.type()).isEqualTo(Dhcp6MessageType.REPLY.value());
            assertThat(Dhcp6Options.addresses(reply.option(Dhcp6Options.DNS_SERVERS).orElseThrow()))
                    .containsExactly(Ipv6Prefix.address("2001:2:0:1::53"));
            assertThat(reply.option(Dhcp6Options.SERVERID).orElseThrow().data())
                    .isEqualTo(config.dhcp6().orElseThrow().serverDuid().bytes());
            assertThat(Dhcp6Probe.describe(reply)).contains("  dns-servers 2001:2:0:1::53", "  domain-search maas.example.",
                    "  ntp-servers 2001:2:0:1::123");
            assertThat(Dhcp6Probe.informationRequest(server, Ipv6Prefix.address("2001:2:0:9::1"),
                    Duid.parse("00:03:00:01:02:00:00:00:00:07"), Duration.ofMillis(500))).as("a link it has no prefix for").isEmpty();

            var counters = node.dhcp6().orElseThrow().counters();
            assertThat(counters.dropped(Dhcp6Drop.MALFORMED)).isEqualTo(1);
            assertThat(counters.dropped(Dhcp6Drop.NO_LINK)).isEqualTo(1);
            assertThat(counters.received(Dhcp6MessageType.INFORMATION_REQUEST)).isEqualTo(2);
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
