package io.leaseledger.wire.transport;

import io.leaseledger.wire.dhcp6.Dhcp6Codec;
import io.leaseledger.wire.dhcp6.Dhcp6Drop;
import io.leaseledger.wire.dhcp6.Dhcp6MessageType;
import io.leaseledger.wire.dhcp6.Dhcp6Responder;
import io.leaseledger.wire.dhcp6.Ipv6Prefix;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCPv6 server's UDP side (RFC 8415 §7.2, §18.3, §19): one epoll channel per configured
 * interface, bound to {@code [::]:547} with {@code SO_BINDTODEVICE} and joined to
 * All_DHCP_Relay_Agents_and_Servers (ff02::1:2) on that link, and one per configured local
 * address for relayed traffic. Each datagram is decided by the {@link Dhcp6Responder} on the
 * event loop that read it (no lease, no store: the server is stateless) and the answer goes back
 * the way RFC 8415 says: a client on the port it sent from, a relay on 547, or on its own source
 * port when it carries the Relay Source Port option (RFC 8357). See docs/dhcpv6.md.
 */
public final class Dhcp6Transport implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Dhcp6Transport.class);

    /** The DHCPv6 server and relay agent port (RFC 8415 §7.2). */
    public static final int SERVER_PORT = 547;
    /** All_DHCP_Relay_Agents_and_Servers (RFC 8415 §7.1). */
    public static final Inet6Address ALL_RELAY_AGENTS_AND_SERVERS = literal("ff02::1:2");

    private final EventLoopGroup group;
    private final List<Channel> channels = new ArrayList<>();
    /** What each channel serves, for the log: an interface's name, or a bound address. */
    private final List<String> served = new ArrayList<>();
    private final Dhcp6Responder responder;
    private final Counters counters = new Counters();
    private volatile boolean closed;

    /**
     * @param interfaces interfaces whose clients are heard directly, on {@code port}
     * @param addresses  local IPv6 addresses and ports for relayed traffic only (no device, no multicast)
     * @param port       547 unless a test rig moves it
     */
    public record Config(List<String> interfaces, List<InetSocketAddress> addresses, int port) {
        public Config {
            interfaces = List.copyOf(interfaces);
            addresses = List.copyOf(addresses);
            interfaces.forEach(TransportConfig::requireInterfaceName);
            for (InetSocketAddress address : addresses) {
                if (!(address.getAddress() instanceof Inet6Address v6) || v6.isAnyLocalAddress() || v6.isMulticastAddress()) {
                    throw new IllegalArgumentException("a DHCPv6 bind address must be a unicast IPv6 address: " + address);
                }
            }
            if (interfaces.isEmpty() && addresses.isEmpty()) {
                throw new IllegalArgumentException("the DHCPv6 transport serves only what it is told to: name an interface or address");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range 1..65535: " + port);
            }
        }
    }

    /** What the transport counted: datagrams read, answers sent and drops, by message type and reason. */
    public static final class Counters {
        private final Map<Dhcp6MessageType, LongAdder> received = new EnumMap<>(Dhcp6MessageType.class);
        private final Map<Dhcp6MessageType, LongAdder> sent = new EnumMap<>(Dhcp6MessageType.class);
        private final Map<Dhcp6Drop, LongAdder> dropped = new EnumMap<>(Dhcp6Drop.class);
        private final LongAdder unknownTypes = new LongAdder();
        private final LongAdder sendFailures = new LongAdder();

        Counters() {
            for (Dhcp6MessageType type : Dhcp6MessageType.values()) {
                received.put(type, new LongAdder());
                sent.put(type, new LongAdder());
            }
            for (Dhcp6Drop reason : Dhcp6Drop.values()) {
                dropped.put(reason, new LongAdder());
            }
        }

        /** Requests received, by the client message's type (a relayed one's: the message inside). */
        public long received(Dhcp6MessageType type) {
            return received.get(type).sum();
        }

        /** Datagrams whose type RFC 8415 does not define, or that did not decode far enough to tell. */
        public long receivedUnknown() {
            return unknownTypes.sum();
        }

        public long sent(Dhcp6MessageType type) {
            return sent.get(type).sum();
        }

        public long dropped(Dhcp6Drop reason) {
            return dropped.get(reason).sum();
        }

        public long sendFailures() {
            return sendFailures.sum();
        }

        /** The non-zero counts, for the log line of a stop. */
        @Override
        public String toString() {
            return "received=" + nonZero(received) + " unknown=" + unknownTypes.sum() + " sent=" + nonZero(sent)
                    + " dropped=" + nonZero(dropped) + " sendFailures=" + sendFailures.sum();
        }

        private static <K extends Enum<K>> Map<String, Long> nonZero(Map<K, LongAdder> counts) {
            Map<String, Long> out = new LinkedHashMap<>();
            counts.forEach((k, v) -> {
                if (v.sum() > 0) {
                    out.put(k.name().toLowerCase(Locale.ROOT), v.sum());
                }
            });
            return out;
        }
    }

    private Dhcp6Transport(EventLoopGroup group, Dhcp6Responder responder) {
        this.group = group;
        this.responder = responder;
    }

    /**
     * Opens every channel, or none.
     *
     * @throws UnknownInterfaceException a configured interface does not exist
     * @throws SocketOptionException the kernel refused SO_BINDTODEVICE
     * @throws BindFailedException a channel could not bind or join the multicast group
     * @throws EngineUnavailableException epoll is unavailable (DHCPv6 runs on epoll only)
     */
    public static Dhcp6Transport start(Config config, Dhcp6Responder responder) {
        Objects.requireNonNull(responder, "responder");
        if (!Epoll.isAvailable()) {
            throw new EngineUnavailableException("the DHCPv6 transport needs the epoll engine", Epoll.unavailabilityCause());
        }
        List<Ingress.Interface> links = new ArrayList<>();
        for (String name : config.interfaces()) {
            links.add(DhcpTransport.lookUp(name));
        }
        var group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("dhcp6-transport", true),
                EpollIoHandler.newFactory());
        var transport = new Dhcp6Transport(group, responder);
        try {
            for (Ingress.Interface link : links) {
                transport.open(link, new InetSocketAddress(literal("::"), config.port()));
            }
            for (InetSocketAddress address : config.addresses()) {
                transport.open(new Ingress.BoundAddress(address), address);
            }
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        log.info("DHCPv6 transport serving {} on port {}", transport.served(), config.port());
        return transport;
    }

    private void open(Ingress ingress, InetSocketAddress local) {
        Optional<String> interfaceName = ingress instanceof Ingress.Interface i ? Optional.of(i.name()) : Optional.empty();
        ChannelFuture registered = new Bootstrap()
                .group(group)
                .channelFactory(() -> new EpollDatagramChannel(SocketProtocolFamily.INET6))
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DhcpTransport.RECEIVE_BUFFER_BYTES))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new Handler(interfaceName));
                    }
                })
                .register().syncUninterruptibly();
        var channel = (EpollDatagramChannel) registered.channel();
        try {
            if (ingress instanceof Ingress.Interface link) {
                try {
                    LinuxSockets.bindToDevice(channel.fd().intValue(), link.name());
                } catch (NativeCallException e) {
                    throw new SocketOptionException(link.name(), "SO_BINDTODEVICE", e);
                }
            }
            ChannelFuture bound = channel.bind(local).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                throw new BindFailedException(ingress, bound.cause());
            }
            if (ingress instanceof Ingress.Interface link) {
                ChannelFuture joined = channel.joinGroup(new InetSocketAddress(ALL_RELAY_AGENTS_AND_SERVERS, 0),
                        networkInterface(link)).awaitUninterruptibly();
                if (!joined.isSuccess()) {
                    throw new BindFailedException(ingress, joined.cause());
                }
            }
        } catch (RuntimeException e) {
            channel.close().awaitUninterruptibly();
            throw e;
        }
        channels.add(channel);
        served.add(ingress instanceof Ingress.Interface i ? i.name()
                : "[" + Ipv6Prefix.text((Inet6Address) ((Ingress.BoundAddress) ingress).address().getAddress()) + "]");
    }

    private static NetworkInterface networkInterface(Ingress.Interface link) {
        try {
            NetworkInterface nic = NetworkInterface.getByIndex(link.index());
            if (nic == null) {
                throw new UnknownInterfaceException(link.name(), null);
            }
            return nic;
        } catch (SocketException e) {
            throw new UnknownInterfaceException(link.name(), e);
        }
    }

    /** What the channels serve, in configuration order: interface names, then bound addresses in brackets. */
    public List<String> served() {
        return List.copyOf(served);
    }

    public Counters counters() {
        return counters;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        channels.forEach(c -> c.close().awaitUninterruptibly());
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        log.info("DHCPv6 transport closed ({})", counters);
    }

    private final class Handler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Optional<String> interfaceName;

        Handler(Optional<String> interfaceName) {
            super(DatagramPacket.class, true);
            this.interfaceName = interfaceName;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            Dhcp6Responder.Outcome outcome = responder.respond(ByteBufUtil.getBytes(packet.content()), interfaceName);
            outcome.request().ifPresentOrElse(t -> counters.received.get(t).increment(), counters.unknownTypes::increment);
            switch (outcome) {
                case Dhcp6Responder.Dropped dropped -> {
                    counters.dropped.get(dropped.reason()).increment();
                    log.debug("DHCPv6 from {} on {} dropped: {} ({})", packet.sender(), interfaceName.orElse("address"),
                            dropped.reason().label(), dropped.detail());
                }
                case Dhcp6Responder.Answer answer -> send(ctx.channel(), answer, packet.sender());
            }
        }

        private void send(Channel channel, Dhcp6Responder.Answer answer, InetSocketAddress sender) {
            int port = answer.relayed() && !answer.toSourcePort() ? SERVER_PORT : sender.getPort();
            var to = new InetSocketAddress(sender.getAddress(), port);
            channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(Dhcp6Codec.encode(answer.packet())), to))
                    .addListener(f -> {
                        if (f.isSuccess()) {
                            counters.sent.get(answer.reply()).increment();
                        } else {
                            counters.sendFailures.increment();
                            log.debug("DHCPv6 {} to {} failed", answer.reply(), to, f.cause());
                        }
                    });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // The channel stays open: one bad datagram must not stop the link being served.
            log.warn("error on a DHCPv6 channel; it stays open", cause);
        }
    }

    private static Inet6Address literal(String text) {
        try {
            return (Inet6Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
