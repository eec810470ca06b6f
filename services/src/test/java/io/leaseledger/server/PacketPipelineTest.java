package io.leaseledger.server;

import io.leaseledger.config.SettingsView;
import io.leaseledger.events.subnet.LeaseGranted;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.metrics.DhcpMetrics;
import io.leaseledger.probe.RelayProbe;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;
import io.leaseledger.wire.dhcp4.Dhcp4Decoder;
import io.leaseledger.wire.dhcp4.Dhcp4Encoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;
import io.leaseledger.wire.transport.DecodingHandler;
import io.leaseledger.wire.transport.DhcpTransport;
import io.leaseledger.wire.transport.ReplyPorts;
import io.leaseledger.wire.transport.TransportConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole packet path on loopback: a relay-acting client (the probe) runs a DORA against the
 * transport, the pipeline selects the subnet by link selection, the Subnet aggregate decides
 * through the mailbox, and the ACK comes back only after the lease is in the event store.
 */
class PacketPipelineTest {
    private static final Cidr CIDR = Cidr.parse("198.18.7.0/24");
    private static final SubnetId SUBNET = SubnetId.of(CIDR);
    private static final AddressRange POOL = AddressRange.of("198.18.7.10", "198.18.7.50");
    /** RFC 8357 §5: the relay source port sub-option of option 82 (empty): reply to the port the request came from. */
    private static final int RELAY_SOURCE_PORT = 19;

    @TempDir
    Path dataDirectory;

    private AxonStore store;
    private SubnetGateway gateway;
    private SettingsView settings;
    private DhcpTransport transport;
    private InetSocketAddress server;

    @BeforeEach
    void serve() {
        OneSubnetStore served = OneSubnetStore.start(dataDirectory, CIDR, POOL);
        store = served.store();
        gateway = served.gateway();
        settings = served.settings();
        PacketPipeline pipeline = new PacketPipeline(gateway, settings, Optional.empty(), ReplyPorts.STANDARD);
        transport = DhcpTransport.start(
                TransportConfig.addresses(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                new DecodingHandler(pipeline));
        server = transport.bindings().getFirst().localAddress();
    }

    @AfterEach
    void stop() {
        transport.close();
        gateway.close();
        store.close();
    }

    @Test
    void aRelayedDoraGetsAnAckForAPoolAddressThatIsAlreadyCommitted() throws Exception {
        Optional<Dhcp4Message> ack;
        try (RelayProbe probe = probe("198.18.7.1", Duration.ofSeconds(5))) {
            ack = probe.run();
            assertThat(probe.transcript()).hasSize(2);
        }

        assertThat(ack).map(Dhcp4Message::messageType).contains(MessageType.ACK);
        Ipv4Address leased = Ipv4Address.of(ack.orElseThrow().yiaddr());
        assertThat(POOL.contains(leased)).isTrue();
        assertThat(committedGrants()).isEqualTo(1);
    }

    @Test
    void aQuietSubnetsBatchesAreDecidedOnTheEventLoopThatReadTheirPackets() throws Exception {
        List<String> decidedOn = new CopyOnWriteArrayList<>();
        gateway.observeBatches((subnet, messages, waited, took) -> decidedOn.add(Thread.currentThread().getName()));

        try (RelayProbe probe = probe("198.18.7.1", Duration.ofSeconds(5))) {
            assertThat(probe.run()).map(Dhcp4Message::messageType).contains(MessageType.ACK);
        }

        // The DISCOVER's batch and the REQUEST's: no hand-over to a mailbox worker.
        assertThat(decidedOn).hasSize(2).allMatch(thread -> thread.startsWith("dhcp-transport"));
    }

    @Test
    void aRequestForASubnetWeDoNotServeIsCountedAndUnanswered() throws Exception {
        try (RelayProbe probe = probe("198.19.0.1", Duration.ofMillis(700))) {
            assertThat(probe.run()).isEmpty();
        }

        assertThat(transport.counters().dropped(PipelineDrop.NOT_OUR_SUBNET)).isEqualTo(1);
        // No subnet to name: counted as a drop of no subnet.
        assertThat(transport.counters().droppedWithoutSubnet(PipelineDrop.NOT_OUR_SUBNET)).isEqualTo(1);
        assertThat(transport.counters().dropsBySubnet()).isEmpty();
        assertThat(transport.counters().sentTotal()).isZero();
    }

    @Test
    void aPacketTooOldForItsSubnetsMailboxIsCountedAndScrapedUnderThatSubnet() throws Exception {
        // A max wait of 1 ns: every packet has waited longer by the time its batch forms (stale);
        // half of it rounds to 0, which never sheds, so the reason is always stale.
        StoreSettings.Mailbox impatient = new StoreSettings.Mailbox(64, 4_096, 1, Duration.ofSeconds(5), 256,
                Duration.ZERO, Duration.ofNanos(1));
        try (SubnetGateway overloaded = new SubnetGateway(store.commandGateway(), Clock.systemUTC(), impatient);
             DhcpTransport dropping = DhcpTransport.start(
                     TransportConfig.addresses(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                     new DecodingHandler(new PacketPipeline(overloaded, settings, Optional.empty(), ReplyPorts.STANDARD)))) {
            DhcpMetrics metrics = new DhcpMetrics();
            metrics.watch(dropping.counters(), overloaded);
            InetSocketAddress at = dropping.bindings().getFirst().localAddress();
            try (RelayProbe probe = probe(at, "198.18.7.1", Duration.ofMillis(700))) {
                assertThat(probe.run()).isEmpty();
            }
            try (RelayProbe probe = probe(at, "198.19.0.1", Duration.ofMillis(700))) {
                assertThat(probe.run()).isEmpty();
            }

            // The drop is counted when the mailbox fails the packet's future: wait (bounded) for it.
            for (int i = 0; i < 100 && dropping.counters().dropped(PipelineDrop.STALE) == 0; i++) {
                Thread.sleep(20);
            }
            assertThat(dropping.counters().dropped(PipelineDrop.STALE, SUBNET)).isEqualTo(1);
            assertThat(dropping.counters().droppedWithoutSubnet(PipelineDrop.STALE)).isZero();
            String scraped = metrics.scrape();
            assertThat(scraped.lines()).contains(
                    "leaseledger_dhcp4_packets_dropped_total{reason=\"stale\",subnet=\"198.18.7.0/24\"} 1.0",
                    "leaseledger_dhcp4_packets_dropped_total{reason=\"not_our_subnet\",subnet=\"none\"} 1.0");
            assertThat(scraped.lines().filter(l -> l.startsWith("leaseledger_dhcp4_packets_dropped_total"))).hasSize(2);
        }
    }

    @Test
    void anInformIsAnsweredWithoutAnythingCommitted() throws Exception {
        // The subnet's definition and its range: what OneSubnetStore committed.
        long eventsBefore = committedEvents();
        assertThat(eventsBefore).isEqualTo(2);
        var mailboxesBefore = gateway.stats();

        Dhcp4Message ack = inform(Ipv4Address.parse("198.18.7.60"));

        // Configuration only (RFC 2131 §4.3.5): no address, no lease.
        assertThat(ack.messageType()).isEqualTo(MessageType.ACK);
        assertThat(ack.yiaddr()).isZero();
        assertThat(ack.has(OptionCatalog.LEASE_TIME)).isFalse();
        // Answered from the settings view: no event appended, and no mailbox ever saw it (a message
        // decided through one would have been committed before its reply left).
        assertThat(committedEvents()).isEqualTo(eventsBefore);
        assertThat(gateway.stats().accepted()).isEqualTo(mailboxesBefore.accepted());
        assertThat(gateway.stats().commits()).isEqualTo(mailboxesBefore.commits());

        // The same count sees what a DORA commits (an offer and a grant): it is not blind to appends.
        try (RelayProbe probe = probe("198.18.7.1", Duration.ofSeconds(5))) {
            assertThat(probe.run()).map(Dhcp4Message::messageType).contains(MessageType.ACK);
        }
        assertThat(committedEvents()).isEqualTo(eventsBefore + 2);
    }

    private RelayProbe probe(String link, Duration timeout) throws Exception {
        return probe(server, link, timeout);
    }

    private static RelayProbe probe(InetSocketAddress server, String link, Duration timeout) throws Exception {
        return new RelayProbe(server, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new RelayProbe.ProbeOptions(new byte[] {2, 0, 0, 0, 0, 1}, Ipv4Address.parse(link),
                        timeout, false, "node-1"));
    }

    /**
     * An INFORM from a host configured with {@code ciaddr}, relayed as the probe relays: giaddr,
     * link selection, and the relay source port (RFC 8357) so that the ACK comes back to this socket.
     */
    private Dhcp4Message inform(Ipv4Address ciaddr) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5_000);
            int xid = 0x1f0a0001;
            byte[] request = Dhcp4Encoder.encode(Dhcp4Message.builder()
                    .xid(xid)
                    .hops(1)
                    .ciaddr(ciaddr)
                    .giaddr(Ipv4Address.parse(InetAddress.getLoopbackAddress().getHostAddress()))
                    .ethernet(new byte[] {2, 0, 0, 0, 0, 2})
                    .messageType(MessageType.INFORM)
                    .put(OptionCatalog.RELAY_AGENT_INFORMATION, RelayAgentInformation.of(
                            RelayAgentInformation.linkSelection(Ipv4Address.parse("198.18.7.1")),
                            new RelayAgentInformation.SubOption(RELAY_SOURCE_PORT, new byte[0])))
                    .build());
            socket.send(new DatagramPacket(request, request.length, server));
            DatagramPacket reply = new DatagramPacket(new byte[1_500], 1_500);
            socket.receive(reply);
            Dhcp4Message ack = Dhcp4Decoder.decode(reply.getData(), 0, reply.getLength());
            assertThat(ack.xid()).isEqualTo(xid);
            return ack;
        }
    }

    /** Every event in the store, whatever its aggregate. */
    private long committedEvents() throws Exception {
        StoreSettings settings = store.settings();
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.username(), settings.password());
             PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM domainevententry");
             ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private long committedGrants() throws Exception {
        StoreSettings settings = store.settings();
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.username(), settings.password());
             PreparedStatement s = c.prepareStatement(
                     "SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype = ?")) {
            s.setString(1, SUBNET.toString());
            s.setString(2, LeaseGranted.class.getName());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
