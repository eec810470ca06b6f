package io.leaseledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.events.subnet.AddressInUseObserved;
import io.leaseledger.events.subnet.LeaseOffered;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.wire.arp.ArpSighting;
import io.leaseledger.wire.dhcp4.Dhcp4Decoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.transport.DecodedRequest;
import io.leaseledger.wire.transport.DropReason;
import io.leaseledger.wire.transport.Ingress;
import io.leaseledger.wire.transport.OutboundDatagram;
import io.leaseledger.wire.transport.ReplyPorts;
import io.leaseledger.wire.transport.TransportContext;
import io.leaseledger.wire.transport.TransportCounters;
import io.netty.buffer.ByteBufUtil;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline with conflict probes on, for a DISCOVER heard directly on an interface of the
 * subnet: the OFFER waits for the probe; another device answering withholds it, counts the drop
 * and puts the sighting in the subnet's log, and the client's next DISCOVER is offered another
 * address; a relayed DISCOVER is asked for by ICMP echo instead (its link is not this node's).
 */
class ConflictProbePipelineTest {
    private static final Cidr CIDR = Cidr.parse("198.18.7.0/24");
    private static final SubnetId SUBNET = SubnetId.of(CIDR);
    private static final Ingress LINK = new Ingress.Interface("llt0", 7, List.of(java.net.Inet4Address.ofLiteral("198.18.7.1")));
    private static final byte[] CLIENT = {0x52, 0x54, 0, 0, 0, 1};
    private static final MacAddress SQUATTER = MacAddress.parse("52:54:00:00:00:99");

    @TempDir
    Path dataDirectory;

    private OneSubnetStore served;
    private PacketPipeline pipeline;
    private final Wire wire = new Wire();
    private final List<Ipv4Address> asked = new CopyOnWriteArrayList<>();

    @BeforeEach
    void serve() {
        served = OneSubnetStore.start(dataDirectory, CIDR, AddressRange.of("198.18.7.10", "198.18.7.50"));
        pipeline = new PacketPipeline(served.gateway(), served.settings(), Optional.empty(), ReplyPorts.STANDARD);
    }

    @AfterEach
    void stop() {
        served.gateway().close();
        served.store().close();
    }

    @Test
    void anOfferForAnAddressAnotherDeviceAnswersForIsWithheldAndTheNextDiscoverGetsAnother() throws Exception {
        try (var probe = new ConflictProbe(Duration.ofMillis(500), (iface, sender, target) -> asked.add(target))) {
            pipeline.probeOffers(probe);

            pipeline.handle(discover(1, 0), wire);
            awaitAsked(1);
            probe.accept(new ArpSighting("llt0", asked.getFirst(), SQUATTER));

            awaitDrop();
            assertThat(wire.sent).isEmpty();
            assertThat(wire.drops).containsExactly(PipelineDrop.CONFLICT_PROBED + " " + SUBNET);
            Ipv4Address squatted = asked.getFirst();
            assertThat(awaitInStore(squatted).mac()).isEqualTo(SQUATTER);

            pipeline.handle(discover(2, 0), wire);
            awaitAsked(2);
            Dhcp4Message offer = awaitOffer(); // nobody answers the second probe: sent after its wait
            assertThat(offer.messageType()).isEqualTo(MessageType.OFFER);
            assertThat(Ipv4Address.of(offer.yiaddr())).isNotEqualTo(squatted).isEqualTo(asked.get(1));
        }
    }

    @Test
    void aRelayedDiscoverIsNotAskedForByArp() throws Exception {
        try (var probe = new ConflictProbe(Duration.ofSeconds(5), (iface, sender, target) -> asked.add(target))) {
            pipeline.probeOffers(probe);

            pipeline.handle(discover(3, Ipv4Address.parse("198.18.7.2").value()), wire);

            assertThat(awaitOffer().messageType()).isEqualTo(MessageType.OFFER);
            assertThat(asked).isEmpty();
        }
    }

    /** Through a relay, an ICMP echo: a reply withholds the OFFER, and the sighting (no MAC) is in the subnet's log. */
    @Test
    void aRelayedOfferWhoseAddressAnswersAnEchoIsWithheldAndTheNextDiscoverGetsAnother() throws Exception {
        List<Ipv4Address> echoed = new CopyOnWriteArrayList<>();
        try (var probe = new ConflictProbe(Duration.ofMillis(500), (iface, sender, target) -> asked.add(target),
                (target, identifier, sequence) -> echoed.add(target))) {
            pipeline.probeOffers(probe);
            int relay = Ipv4Address.parse("198.18.7.2").value();

            pipeline.handle(discover(4, relay), wire);
            for (int i = 0; i < 250 && echoed.isEmpty(); i++) {
                Thread.sleep(20);
            }
            assertThat(echoed).hasSize(1);
            probe.acceptEcho(new io.leaseledger.wire.icmp.EchoMessages.EchoReply(echoed.getFirst(),
                    probe.echoIdentifier(), 1));

            awaitDrop();
            assertThat(wire.sent).isEmpty();
            assertThat(wire.drops).containsExactly(PipelineDrop.CONFLICT_PROBED + " " + SUBNET);
            Ipv4Address squatted = echoed.getFirst();
            AddressInUseObserved seen = awaitInStore(squatted);
            assertThat(seen.mac()).isNull();

            pipeline.handle(discover(5, relay), wire);
            Dhcp4Message offer = awaitOffer(); // nobody answers the second echo: sent after its wait
            assertThat(Ipv4Address.of(offer.yiaddr())).isNotEqualTo(squatted).isEqualTo(echoed.get(1));
            assertThat(asked).isEmpty();
        }
    }

    private static DecodedRequest discover(int xid, int giaddr) {
        Dhcp4Message message = Dhcp4Message.builder().xid(xid).giaddr(giaddr).ethernet(CLIENT)
                .messageType(MessageType.DISCOVER).build();
        return new DecodedRequest(message, new InetSocketAddress("0.0.0.0", 68), new InetSocketAddress("255.255.255.255", 67),
                LINK);
    }

    private void awaitAsked(int n) throws InterruptedException {
        for (int i = 0; i < 250 && asked.size() < n; i++) {
            Thread.sleep(20);
        }
        assertThat(asked).hasSize(n);
    }

    private void awaitDrop() throws InterruptedException {
        for (int i = 0; i < 250 && wire.drops.isEmpty(); i++) {
            Thread.sleep(20);
        }
    }

    private Dhcp4Message awaitOffer() throws InterruptedException {
        for (int i = 0; i < 500 && wire.sent.isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(wire.sent).as("an OFFER sent").hasSize(1);
        return wire.sent.getFirst();
    }

    /** The one sighting recorded, after one OFFER decided: it is of {@code address}. */
    private AddressInUseObserved awaitInStore(Ipv4Address address) throws InterruptedException {
        List<Object> events = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            events.clear();
            served.store().replayAll(events::add);
            if (events.stream().anyMatch(e -> e instanceof AddressInUseObserved seen && seen.address().equals(address))) {
                break;
            }
            Thread.sleep(20);
        }
        assertThat(events).filteredOn(LeaseOffered.class::isInstance).hasSize(1);
        return (AddressInUseObserved) assertThat(events).filteredOn(AddressInUseObserved.class::isInstance)
                .singleElement().actual();
    }

    /** The transport as the pipeline sees it: what it sends and what it drops, nothing on a wire. */
    private static final class Wire implements TransportContext {
        final List<Dhcp4Message> sent = new CopyOnWriteArrayList<>();
        final List<String> drops = new CopyOnWriteArrayList<>();

        @Override
        public CompletableFuture<Void> send(OutboundDatagram datagram) {
            try {
                sent.add(Dhcp4Decoder.decode(ByteBufUtil.getBytes(datagram.content())));
            } finally {
                datagram.content().release();
            }
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void countDrop(DropReason reason) {
            drops.add(reason.toString());
        }

        @Override
        public void countDrop(DropReason reason, SubnetId subnet) {
            drops.add(reason + " " + subnet);
        }

        @Override
        public TransportCounters counters() {
            throw new UnsupportedOperationException();
        }
    }
}
