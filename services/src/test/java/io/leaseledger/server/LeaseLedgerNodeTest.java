package io.leaseledger.server;

import io.leaseledger.config.ConfigurationLoader;
import io.leaseledger.config.HostInterfaces;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.probe.RelayProbe;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The node as {@code serve} runs it: configuration file in, DHCP on loopback out, state across restarts. */
class LeaseLedgerNodeTest {
    private static final byte[] MAC = {0x52, 0x54, 0, 0, 0, 0x42};

    @TempDir
    Path dir;

    private LeaseLedgerConfiguration config(int port) throws Exception {
        String yaml = """
                server:
                  port: %d
                  bind: [127.0.0.1]
                  server-identifier: 127.0.0.1
                  warm-up: 3s
                store:
                  kind: h2
                  path: %s
                subnets:
                  - cidr: 198.18.0.0/24
                    gateway: 198.18.0.1
                    lease-time: 10m
                    ranges:
                      - {start: 198.18.0.100, end: 198.18.0.199, kind: dynamic}
                """.formatted(port, dir.resolve("data"));
        return new ConfigurationLoader(HostInterfaces.system()).parse(yaml, "test.yaml");
    }

    @Test
    void aRestartedNodeKeepsTheLeaseAndAppliesNoConfigurationTwice() throws Exception {
        int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
        LeaseLedgerConfiguration config = config(port);
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);

        int first;
        try (LeaseLedgerNode node = LeaseLedgerNode.start(config, Clock.systemUTC())) {
            assertThat(node.configurationChanges()).isPositive();
            first = dora(server).yiaddr();
        }
        try (LeaseLedgerNode node = LeaseLedgerNode.start(config, Clock.systemUTC())) {
            assertThat(node.configurationChanges()).isZero();
            assertThat(node.settings().subnets()).hasSize(1);
            Dhcp4Message again = dora(server);
            assertThat(again.yiaddr()).isEqualTo(first);
        }
        assertThat(Ipv4Address.format(first)).startsWith("198.18.0.1");
        // The warm-up ran on a scratch store of its own and left nothing behind.
        assertThat(dir.resolve("data").resolve("warm-up")).doesNotExist();
    }

    private static Dhcp4Message dora(InetSocketAddress server) throws Exception {
        try (RelayProbe probe = new RelayProbe(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new RelayProbe.ProbeOptions(MAC, Ipv4Address.parse("198.18.0.1"), Duration.ofSeconds(5), false, null))) {
            Dhcp4Message reply = probe.run().orElseThrow(() -> new AssertionError("no reply"));
            assertThat(reply.messageType()).isEqualTo(MessageType.ACK);
            return reply;
        }
    }
}
