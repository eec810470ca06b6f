package io.leaseledger.api;

import io.leaseledger.probe.RelayProbe;
import io.leaseledger.wire.dhcp4.Dhcp4Encoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /metrics} counts what really crossed the packet path: a DORA with RELEASE, and a malformed datagram;
 * a DECLINE, a pool run dry and a lease run out; drops under the subnet they were for, or {@code none}.
 */
class MetricsTest {
    private static final byte[] MAC = {0x52, 0x54, 0, 0, 0, 0x43};
    private static final String SUBNET = "subnet=\"198.18.0.0/24\"";
    private static final Ipv4Address LINK = Ipv4Address.parse("198.18.0.1");

    @TempDir
    Path dir;

    /** Where the node keeps its store and projections: H2 files unless a subclass says otherwise. */
    NodeDatabases databases() throws Exception {
        return NodeDatabases.h2();
    }

    @Test
    void aDoraAReleaseAndGarbageAreCountedPerSubnetAndType() throws Exception {
        try (NodeDatabases databases = databases(); ApiNode api = ApiNode.start(dir, databases)) {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), api.dhcpPort());
            try (RelayProbe probe = new RelayProbe(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    new RelayProbe.ProbeOptions(MAC, Ipv4Address.parse("198.18.0.1"), Duration.ofSeconds(5), true, null))) {
                Dhcp4Message reply = probe.run().orElseThrow(() -> new AssertionError("no reply"));
                assertThat(reply.messageType()).isEqualTo(MessageType.ACK);
            }
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                byte[] garbage = {1, 2, 3};
                socket.send(new DatagramPacket(garbage, garbage.length, server));
            }

            String metrics = awaitMetric(api, "leaseledger_dhcp4_packets_dropped_total");
            // The pool gauges are read from the projections, which follow the log within their poll interval:
            // absent, or 0, until the tail has applied the subnet's range.
            for (int i = 0; i < 100 && !poolProjected(metrics); i++) {
                Thread.sleep(50);
                metrics = api.get("/metrics", null).body();
            }
            assertThat(value(metrics, "leaseledger_dhcp4_packets_received_total", SUBNET, "type=\"discover\"")).isEqualTo(1);
            assertThat(value(metrics, "leaseledger_dhcp4_packets_received_total", SUBNET, "type=\"request\"")).isEqualTo(1);
            assertThat(value(metrics, "leaseledger_dhcp4_packets_received_total", SUBNET, "type=\"release\"")).isEqualTo(1);
            assertThat(value(metrics, "leaseledger_dhcp4_packets_sent_total", SUBNET, "type=\"offer\"")).isEqualTo(1);
            assertThat(value(metrics, "leaseledger_dhcp4_packets_sent_total", SUBNET, "type=\"ack\"")).isEqualTo(1);
            assertThat(value(metrics, "leaseledger_addresses_assigned_total", SUBNET)).isEqualTo(1);
            assertThat(value(metrics, "leaseledger_addresses_released_total", SUBNET)).isEqualTo(1);
            assertThat(value(metrics, "leaseledger_dhcp4_packets_dropped_total", "reason=\"malformed_", "subnet=\"none\""))
                    .isEqualTo(1);
            assertThat(value(metrics, "leaseledger_dhcp4_datagrams_received_total")).isEqualTo(4);
            assertThat(value(metrics, "leaseledger_subnet_addresses_dynamic", SUBNET)).isEqualTo(100);
            assertThat(value(metrics, "leaseledger_subnet_addresses_leased", SUBNET)).isBetween(0.0, 1.0);

            // The group commit's histograms: every batch committed so far (the DORA's two, the RELEASE's, and any reclaim).
            // A batch is observed just after its replies are released: wait (bounded) for the RELEASE's.
            for (int i = 0; i < 100 && value(metrics, "leaseledger_groupcommit_batch_messages_count", SUBNET) < 3; i++) {
                Thread.sleep(20);
                metrics = api.get("/metrics", null).body();
            }
            double batches = value(metrics, "leaseledger_groupcommit_batch_messages_count", SUBNET);
            assertThat(batches).isGreaterThanOrEqualTo(3);
            assertThat(value(metrics, "leaseledger_groupcommit_batch_messages_sum", SUBNET)).isGreaterThanOrEqualTo(3);
            assertThat(value(metrics, "leaseledger_groupcommit_batch_messages_bucket", SUBNET, "le=\"+Inf\"")).isEqualTo(batches);
            assertThat(value(metrics, "leaseledger_groupcommit_commit_seconds_count", SUBNET)).isEqualTo(batches);
            assertThat(value(metrics, "leaseledger_groupcommit_wait_seconds_count", SUBNET)).isEqualTo(batches);
            assertThat(value(metrics, "leaseledger_groupcommit_wait_seconds_bucket", SUBNET, "le=\"5.0E-4\""))
                    .isBetween(0.0, batches);
            assertThat(value(metrics, "leaseledger_groupcommit_commit_seconds_bucket", SUBNET, "le=\"2.0\""))
                    .isEqualTo(batches);
        }
    }

    @Test
    void aDeclineAnExhaustedPoolAndAnExpiryAreCountedPerSubnet() throws Exception {
        AheadClock clock = new AheadClock();
        try (NodeDatabases databases = databases()) {
            // Two addresses in the pool (198.18.0.100-101): two leases use it up.
            String yaml = ApiNode.yaml(dir, databases).replace("end: 198.18.0.199", "end: 198.18.0.101");
            try (ApiNode api = ApiNode.start(yaml, clock)) {
                InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), api.dhcpPort());
                byte[] keeper = {0x52, 0x54, 0, 0, 0, 0x61};
                byte[] decliner = {0x52, 0x54, 0, 0, 0, 0x62};
                assertThat(dora(server, keeper, Duration.ofSeconds(5)).map(Dhcp4Message::messageType)).contains(MessageType.ACK);
                Dhcp4Message declined = dora(server, decliner, Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError("no reply"));
                assertThat(declined.messageType()).isEqualTo(MessageType.ACK);
                // The address goes into probation (24 h): it stays out of the pool.
                decline(server, decliner, declined);
                awaitSample(api, "leaseledger_addresses_declined_total");

                // Nothing left to offer: two clients are turned away in silence.
                for (byte last : new byte[] {0x63, 0x64}) {
                    assertThat(dora(server, new byte[] {0x52, 0x54, 0, 0, 0, last}, Duration.ofMillis(700))).isEmpty();
                }
                awaitSample(api, "leaseledger_allocation_failures_total");

                // Past the keeper's 10 min lease: the reclaim timer (every 5 s) expires it.
                clock.advance(Duration.ofMinutes(11));
                String metrics = awaitSample(api, "leaseledger_addresses_reclaimed_total");

                assertThat(value(metrics, "leaseledger_dhcp4_packets_received_total", SUBNET, "type=\"discover\"")).isEqualTo(4);
                assertThat(value(metrics, "leaseledger_dhcp4_packets_received_total", SUBNET, "type=\"decline\"")).isEqualTo(1);
                // No OFFER to the two turned away.
                assertThat(value(metrics, "leaseledger_dhcp4_packets_sent_total", SUBNET, "type=\"offer\"")).isEqualTo(2);
                assertThat(value(metrics, "leaseledger_addresses_assigned_total", SUBNET)).isEqualTo(2);
                assertThat(value(metrics, "leaseledger_addresses_declined_total", SUBNET)).isEqualTo(1);
                // One per DISCOVER turned away, as Kea counts them (PoolExhausted is committed once, on the transition).
                assertThat(value(metrics, "leaseledger_allocation_failures_total", SUBNET)).isEqualTo(2);
                // The keeper's lease only: the declined address's probation has 24 h to run.
                assertThat(value(metrics, "leaseledger_addresses_reclaimed_total", SUBNET)).isEqualTo(1);
                // An expiry is not a release.
                assertThat(metrics).doesNotContain("leaseledger_addresses_released_total");
            }
        }
    }

    @Test
    void aDropIsCountedUnderTheSubnetItWasForOrUnderNone() throws Exception {
        try (NodeDatabases databases = databases(); ApiNode api = ApiNode.start(dir, databases)) {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), api.dhcpPort());
            byte[] mac = {0x52, 0x54, 0, 0, 0, 0x71};
            // For 198.18.0.0/24 (link selection), but a DECLINE that names no address is not served.
            sendRelayed(server, Dhcp4Message.builder().xid(RandomGenerator.getDefault().nextInt()).hops(1)
                    .giaddr(Ipv4Address.parse(InetAddress.getLoopbackAddress().getHostAddress()))
                    .ethernet(mac).messageType(MessageType.DECLINE)
                    .put(OptionCatalog.RELAY_AGENT_INFORMATION, RelayAgentInformation.of(RelayAgentInformation.linkSelection(LINK)))
                    .build());
            // A link the node does not serve: no subnet to name.
            sendRelayed(server, Dhcp4Message.builder().xid(RandomGenerator.getDefault().nextInt()).hops(1)
                    .giaddr(Ipv4Address.parse(InetAddress.getLoopbackAddress().getHostAddress()))
                    .ethernet(mac).messageType(MessageType.DISCOVER)
                    .put(OptionCatalog.RELAY_AGENT_INFORMATION,
                            RelayAgentInformation.of(RelayAgentInformation.linkSelection(Ipv4Address.parse("198.19.0.1"))))
                    .build());
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                byte[] garbage = {1, 2, 3};
                socket.send(new DatagramPacket(garbage, garbage.length, server));
            }

            String metrics = api.get("/metrics", null).body();
            for (int i = 0; i < 100 && dropSeries(metrics) < 3; i++) {
                Thread.sleep(50);
                metrics = api.get("/metrics", null).body();
            }
            assertThat(value(metrics, "leaseledger_dhcp4_packets_dropped_total", "reason=\"not_served\"", SUBNET)).isEqualTo(1);
            assertThat(value(metrics, "leaseledger_dhcp4_packets_dropped_total", "reason=\"not_our_subnet\"",
                    "subnet=\"none\"")).isEqualTo(1);
            assertThat(value(metrics, "leaseledger_dhcp4_packets_dropped_total", "reason=\"malformed_", "subnet=\"none\""))
                    .isEqualTo(1);
            assertThat(dropSeries(metrics)).isEqualTo(3);
        }
    }

    /** The samples of the drop counter: every one carries a subnet label, CIDR or none. */
    private static int dropSeries(String metrics) {
        List<String> samples = metrics.lines().filter(l -> l.startsWith("leaseledger_dhcp4_packets_dropped_total{")).toList();
        assertThat(samples).allSatisfy(l -> assertThat(l).containsPattern("subnet=\"(none|[0-9.]+/[0-9]+)\""));
        return samples.size();
    }

    /** DISCOVER, REQUEST, no RELEASE: the ACK, or nothing when the server stayed silent. */
    private static Optional<Dhcp4Message> dora(InetSocketAddress server, byte[] mac, Duration timeout) throws Exception {
        try (RelayProbe probe = new RelayProbe(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new RelayProbe.ProbeOptions(mac, LINK, timeout, false, null))) {
            return probe.run();
        }
    }

    /** A DECLINE of the ACK's address, relayed as the probe relays (giaddr, link selection); it gets no reply. */
    private static void decline(InetSocketAddress server, byte[] mac, Dhcp4Message ack) throws Exception {
        sendRelayed(server, Dhcp4Message.builder()
                    .xid(RandomGenerator.getDefault().nextInt())
                    .hops(1)
                    .giaddr(Ipv4Address.parse(InetAddress.getLoopbackAddress().getHostAddress()))
                    .ethernet(mac)
                    .messageType(MessageType.DECLINE)
                    .put(OptionCatalog.REQUESTED_IP_ADDRESS, Ipv4Address.of(ack.yiaddr()))
                    .put(OptionCatalog.SERVER_IDENTIFIER, ack.get(OptionCatalog.SERVER_IDENTIFIER).orElseThrow())
                    .put(OptionCatalog.RELAY_AGENT_INFORMATION,
                            RelayAgentInformation.of(RelayAgentInformation.linkSelection(LINK)))
                    .build());
    }

    /** A request that gets no reply, sent from a throwaway socket as a relay would. */
    private static void sendRelayed(InetSocketAddress server, Dhcp4Message request) throws Exception {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.send(ByteBuffer.wrap(Dhcp4Encoder.encode(request)), server);
        }
    }

    @Test
    void aClockSteppedBackIsCounted() throws Exception {
        AheadClock clock = new AheadClock();
        try (NodeDatabases databases = databases(); ApiNode api = ApiNode.start(ApiNode.yaml(dir, databases), clock)) {
            InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), api.dhcpPort());
            assertThat(dora(server, new byte[] {0x52, 0x54, 0, 0, 0, 0x71}, Duration.ofSeconds(5)).map(Dhcp4Message::messageType))
                    .contains(MessageType.ACK);
            assertThat(value(api.get("/metrics", null).body(), "leaseledger_clock_steps_back_total")).isZero();

            clock.advance(Duration.ofHours(-1));
            // Still served, its events dated an hour before the first lease's.
            assertThat(dora(server, new byte[] {0x52, 0x54, 0, 0, 0, 0x72}, Duration.ofSeconds(5)).map(Dhcp4Message::messageType))
                    .contains(MessageType.ACK);
            assertThat(value(api.get("/metrics", null).body(), "leaseledger_clock_steps_back_total")).isEqualTo(1);
        }
    }

    /**
     * A lease counter is registered with its first event: wait (bounded) until {@code name} is in the
     * scrape. The reclaim timer ticks every 5 s, hence the 10 s.
     */
    private static String awaitSample(ApiNode api, String name) throws Exception {
        for (int i = 0; i < 200; i++) {
            String body = api.get("/metrics", null).body();
            if (body.contains(name + "{")) {
                return body;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " never appeared in /metrics");
    }

    /** The system clock put forward by the test: a lease runs out without the test waiting out its time. */
    private static final class AheadClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock is UTC");
        }
    }

    /** The RELEASE and the garbage get no reply: wait (bounded) until the drop is counted. */
    private static String awaitMetric(ApiNode api, String name) throws Exception {
        for (int i = 0; i < 100; i++) {
            ApiNode.Reply r = api.get("/metrics", null);
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            if (r.body().contains(name) && r.body().contains("leaseledger_addresses_released_total")) {
                return r.body();
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " never appeared in /metrics");
    }

    private static boolean poolProjected(String metrics) {
        return metrics.contains("leaseledger_subnet_addresses_dynamic{" + SUBNET)
                && value(metrics, "leaseledger_subnet_addresses_dynamic", SUBNET) == 100;
    }

    /** The value of the one sample of {@code name} whose labels contain every fragment. */
    static double value(String metrics, String name, String... labelFragments) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(metrics);
        Double found = null;
        while (m.find()) {
            String labels = m.group(1) == null ? "" : m.group(1);
            boolean all = true;
            for (String f : labelFragments) {
                all &= labels.contains(f);
            }
            if (all) {
                assertThat(found).as("one sample of %s %s", name, String.join(",", labelFragments)).isNull();
                found = Double.parseDouble(m.group(2));
            }
        }
        assertThat(found).as("a sample of %s with %s in:%n%s", name, String.join(",", labelFragments), metrics).isNotNull();
        return found;
    }
}
