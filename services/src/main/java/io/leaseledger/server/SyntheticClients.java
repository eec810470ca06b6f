package io.leaseledger.server;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.wire.dhcp4.Dhcp4Decoder;
import io.leaseledger.wire.dhcp4.Dhcp4Encoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.Dhcp4MessageBuilder;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.OptionCode;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;
import io.leaseledger.wire.transport.DatagramHandler;
import io.leaseledger.wire.transport.DecodingHandler;
import io.leaseledger.wire.transport.DropReason;
import io.leaseledger.wire.transport.InboundDatagram;
import io.leaseledger.wire.transport.Ingress;
import io.leaseledger.wire.transport.OutboundDatagram;
import io.leaseledger.wire.transport.ReplyPath;
import io.leaseledger.wire.transport.ReplyPorts;
import io.leaseledger.wire.transport.TransportContext;
import io.leaseledger.wire.transport.TransportCounters;
import io.netty.buffer.Unpooled;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The warm-up's clients ({@link Warmup}): each round, {@code n} new clients run a DORA through
 * {@link DecodingHandler} as if their packets had come in on the transport — half directly on
 * the link (broadcast), half through a relay with option 82 —, a quarter of them renew and
 * another quarter release. The replies are decoded and dropped: nothing leaves the process.
 *
 * <p>{@link #overLoopback} makes clients that go through a real transport channel on loopback
 * instead ({@link LoopbackWire}): all relayed, from 127.0.0.1, the synthetic subnet chosen by
 * option 118, so that the replies go back to the wire's client port and nowhere else.
 */
final class SyntheticClients implements TransportContext, AutoCloseable {
    private static final InetSocketAddress BROADCAST_TO_SERVER = new InetSocketAddress(
            Ipv4Address.toInetAddress(Ipv4Address.BROADCAST.value()), 67);
    private static final InetSocketAddress UNCONFIGURED_CLIENT = new InetSocketAddress(
            Ipv4Address.toInetAddress(Ipv4Address.ANY.value()), 68);
    private static final List<OptionCode> PARAMETERS = List.of(
            OptionCode.SUBNET_MASK, OptionCode.ROUTERS, OptionCode.DOMAIN_NAME_SERVERS, OptionCode.DOMAIN_NAME,
            OptionCode.HOST_NAME, OptionCode.LEASE_TIME, OptionCode.valueOf(58), OptionCode.valueOf(59));

    private final DecodingHandler handler;
    private final Ingress ingress;
    private final Ipv4Address relay;
    private final InetSocketAddress server;
    private final Duration timeout;
    /** The replies of the phase in flight, by transaction id. */
    private final Map<Integer, Dhcp4Message> replies = new ConcurrentHashMap<>();
    /** One permit per request answered or dropped. */
    private final Semaphore outcomes = new Semaphore(0);
    /**
     * Relayed packets go through a second {@link TransportContext} class. With only one class
     * loaded, C1 would inline its methods into the pipeline as the only implementation, and the
     * real transport's class, loaded after the warm-up, would throw that code away again.
     */
    private final TransportContext relayed = new RelayedContext(this);
    /** Set for clients over loopback: their requests go through it instead of {@link #handler}. */
    private LoopbackWire wire;
    private int exchanges;

    SyntheticClients(DecodingHandler handler, Ingress ingress, String server, String relay, Duration timeout) {
        this.handler = handler;
        this.ingress = ingress;
        this.server = new InetSocketAddress(Ipv4Address.toInetAddress(Ipv4Address.parseBits(server)), 67);
        this.relay = Ipv4Address.parse(relay);
        this.timeout = timeout;
    }

    /**
     * Clients whose requests go through a real transport channel on loopback: {@code handlerFor}
     * makes the channel's handler for the ports its replies must go to; {@code relay} is the
     * synthetic subnet's relay address, which they select with option 118.
     */
    static SyntheticClients overLoopback(Function<ReplyPorts, DatagramHandler> handlerFor, String server, String relay,
                                         Duration timeout) throws IOException {
        SyntheticClients clients = new SyntheticClients(null, null, server, relay, timeout);
        clients.wire = LoopbackWire.open(handlerFor, clients::accept);
        return clients;
    }

    /** The loopback channel these clients go through (clients made by {@link #overLoopback} only). */
    InetSocketAddress loopbackChannel() {
        return wire.channel();
    }

    /** DORAs completed so far (an ACK received). */
    int exchanges() {
        return exchanges;
    }

    /** One round: {@code n} DORAs, then renewals of a quarter and releases of another quarter. */
    void round(int round, int n) {
        int[] xids = new int[n];
        for (int i = 0; i < n; i++) {
            xids[i] = (round * n + i) * 4 + 1;
            handle(base(MessageType.DISCOVER, xids[i], round, i).build(), i);
        }
        Map<Integer, Dhcp4Message> offers = await(n);
        for (int i = 0; i < n; i++) {
            Dhcp4Message offer = offers.get(xids[i]);
            if (offer == null || !MessageType.OFFER.equals(offer.messageType())) {
                continue;
            }
            Dhcp4MessageBuilder request = base(MessageType.REQUEST, xids[i], round, i)
                    .put(OptionCatalog.REQUESTED_IP_ADDRESS, Ipv4Address.of(offer.yiaddr()));
            offer.get(OptionCatalog.SERVER_IDENTIFIER).ifPresent(id -> request.put(OptionCatalog.SERVER_IDENTIFIER, id));
            handle(request.build(), i);
        }
        Map<Integer, Dhcp4Message> acks = await(count(offers, MessageType.OFFER));
        int renewals = 0;
        for (int i = 0; i < n; i++) {
            Dhcp4Message ack = acks.get(xids[i]);
            if (ack == null || !MessageType.ACK.equals(ack.messageType())) {
                continue;
            }
            exchanges++;
            if (i % 4 == 1) {
                handle(base(MessageType.REQUEST, xids[i] + 1, round, i).ciaddr(ack.yiaddr()).build(), i);
                renewals++;
            } else if (i % 4 == 3) {
                Dhcp4MessageBuilder release = base(MessageType.RELEASE, xids[i] + 2, round, i).ciaddr(ack.yiaddr());
                ack.get(OptionCatalog.SERVER_IDENTIFIER).ifPresent(id -> release.put(OptionCatalog.SERVER_IDENTIFIER, id));
                // A RELEASE gets no reply: the next round's first phase waits behind it in the mailbox.
                handle(release.build(), i);
            }
        }
        await(renewals);
    }

    private Dhcp4MessageBuilder base(MessageType type, int xid, int round, int client) {
        byte[] mac = {0x02, 0x57, (byte) (round >> 8), (byte) round, (byte) (client >> 8), (byte) client};
        Dhcp4MessageBuilder b = Dhcp4Message.builder()
                .xid(xid)
                .ethernet(mac)
                .messageType(type)
                .put(OptionCatalog.PARAMETER_REQUEST_LIST, PARAMETERS);
        if (wire != null) {
            b.hops(1).giaddr(Ipv4Address.of(LoopbackWire.relayAddress())).put(OptionCatalog.SUBNET_SELECTION, relay);
        }
        if (client % 2 == 1) {
            b.hops(1).put(OptionCatalog.RELAY_AGENT_INFORMATION, new RelayAgentInformation(List.of(
                    RelayAgentInformation.circuitId(("rack-port-" + client % 48).getBytes(StandardCharsets.US_ASCII)))));
            if (wire == null) {
                b.giaddr(relay);
            }
        } else if (wire == null) {
            b.broadcast(true);
        }
        if (client % 3 == 0) {
            b.put(OptionCatalog.HOST_NAME, "node-" + round + "-" + client);
        }
        if (client % 5 == 0) {
            b.put(OptionCatalog.CLIENT_IDENTIFIER, new byte[]{1, 0x02, 0x57, (byte) (round >> 8), (byte) round,
                    (byte) (client >> 8), (byte) client});
        }
        return b;
    }

    private void handle(Dhcp4Message request, int client) {
        if (wire != null) {
            try {
                wire.send(request);
            } catch (IOException e) {
                throw new UncheckedIOException("the warm-up's loopback client could not send", e);
            }
            return;
        }
        InetSocketAddress sender;
        InetSocketAddress recipient;
        if (request.giaddr() != 0) {
            sender = new InetSocketAddress(Ipv4Address.toInetAddress(request.giaddr()), 67);
            recipient = server;
        } else if (request.ciaddr() != 0) {
            sender = new InetSocketAddress(Ipv4Address.toInetAddress(request.ciaddr()), 68);
            recipient = server;
        } else {
            sender = UNCONFIGURED_CLIENT;
            recipient = BROADCAST_TO_SERVER;
        }
        InboundDatagram datagram = new InboundDatagram(Unpooled.wrappedBuffer(Dhcp4Encoder.encode(request)),
                sender, recipient, ingress);
        try {
            handler.handle(datagram, request.giaddr() != 0 ? relayed : this);
        } finally {
            datagram.release();
        }
    }

    /** Waits for {@code expected} outcomes of the phase; returns its replies and starts the next phase. */
    private Map<Integer, Dhcp4Message> await(int expected) {
        try {
            if (!outcomes.tryAcquire(expected, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the warm-up's requests went unanswered: " + replies.size()
                        + " replies of " + expected + " within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("warm-up interrupted", e);
        }
        Map<Integer, Dhcp4Message> phase = Map.copyOf(replies);
        replies.clear();
        return phase;
    }

    private static int count(Map<Integer, Dhcp4Message> replies, MessageType type) {
        return (int) replies.values().stream().filter(m -> type.equals(m.messageType())).count();
    }

    @Override
    public CompletableFuture<Void> send(OutboundDatagram datagram) {
        try {
            Dhcp4Message reply = Dhcp4Decoder.decode(datagram.content());
            replies.put(reply.xid(), reply);
        } finally {
            datagram.content().release();
            outcomes.release();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** A reply that came back over the loopback wire. */
    private void accept(Dhcp4Message reply) {
        replies.put(reply.xid(), reply);
        outcomes.release();
    }

    @Override
    public void close() {
        if (wire != null) {
            wire.close();
        }
    }

    @Override
    public void countDrop(DropReason reason) {
        // A dropped request is an outcome too: its phase does not wait for it.
        outcomes.release();
    }

    @Override
    public void countDrop(DropReason reason, SubnetId subnet) {
        countDrop(reason);
    }

    @Override
    public TransportCounters counters() {
        return NO_COUNTERS;
    }

    private record RelayedContext(SyntheticClients clients) implements TransportContext {
        @Override
        public CompletableFuture<Void> send(OutboundDatagram datagram) {
            return clients.send(datagram);
        }

        @Override
        public void countDrop(DropReason reason) {
            clients.countDrop(reason);
        }

        @Override
        public void countDrop(DropReason reason, SubnetId subnet) {
            clients.countDrop(reason, subnet);
        }

        @Override
        public TransportCounters counters() {
            return clients.counters();
        }
    }

    /** The pipeline reports through {@link #countDrop}; nothing reads these. */
    private static final TransportCounters NO_COUNTERS = new TransportCounters() {
        @Override
        public long received() {
            return 0;
        }

        @Override
        public long dropped(DropReason reason) {
            return 0;
        }

        @Override
        public long dropped(DropReason reason, SubnetId subnet) {
            return 0;
        }

        @Override
        public long droppedWithoutSubnet(DropReason reason) {
            return 0;
        }

        @Override
        public Map<DropReason, Long> drops() {
            return Map.of();
        }

        @Override
        public Map<SubnetId, Map<DropReason, Long>> dropsBySubnet() {
            return Map.of();
        }

        @Override
        public Map<DropReason, Long> dropsWithoutSubnet() {
            return Map.of();
        }

        @Override
        public long sent(ReplyPath path) {
            return 0;
        }

        @Override
        public long sentTotal() {
            return 0;
        }

        @Override
        public long sendFailures() {
            return 0;
        }

        @Override
        public long channelErrors() {
            return 0;
        }
    };
}
