package io.leaseledger.wire.transport;

import io.leaseledger.events.types.SubnetId;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DHCPv4 UDP transport: one channel per configured interface or address, every datagram
 * tagged with its {@link Ingress} and handed to a {@link DatagramHandler}; replies leave by the
 * channel their request came in on. See docs/wire.md "Transport".
 *
 * <pre>{@code
 * try (var transport = DhcpTransport.start(TransportConfig.interfaces("eth1", "eth2"), handler)) {
 *     ...
 * }
 * }</pre>
 */
public final class DhcpTransport implements TransportContext, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DhcpTransport.class);

    /**
     * Receive buffer per datagram. A DHCP message is at most 576 bytes unless the client allows
     * more (option 57); this takes a full jumbo frame so that nothing arrives truncated.
     */
    static final int RECEIVE_BUFFER_BYTES = 9216;

    /**
     * The socket's queue of datagrams not yet read. Linux's default (208 KiB, about 90 queued
     * DHCP packets at the kernel's per-packet accounting) overflows at 2,000 packets/s when the
     * event loop is held up for 50 ms — a GC pause, a burst of compilation, a busy core — and the
     * kernel drops what does not fit. 4 MiB holds well over a second of such a rate.
     */
    static final int SOCKET_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;
    /** At most this many replies wait for one flush (the group-commit batch limit's default). */
    static final int FLUSHES_CONSOLIDATED = 64;

    private final IoEngine engine;
    private final EventLoopGroup group;
    /** Looked up by {@link #send} from any thread, also while start() still opens later channels. */
    private final Map<Ingress, ChannelBinding> channels = new ConcurrentHashMap<>();
    /** The same channels in configuration order. */
    private final List<ChannelBinding> ordered = new CopyOnWriteArrayList<>();
    private final Counters counters;
    private final ReplyRouter router = new ReplyRouter();
    private volatile boolean closed;
    /** False from the first moment of {@link #stopReceiving}: what is read after that is dropped, not handled. */
    private volatile boolean receiving = true;

    private DhcpTransport(IoEngine engine, EventLoopGroup group, Counters counters) {
        this.engine = engine;
        this.group = group;
        this.counters = counters;
    }

    /**
     * Opens every configured channel, or none: on any failure the channels already open are
     * closed and the typed cause thrown.
     *
     * @throws UnknownInterfaceException a configured interface does not exist
     * @throws SocketOptionException the kernel refused SO_BINDTODEVICE (no CAP_NET_RAW)
     * @throws BindFailedException a channel could not bind (port in use, not permitted, ...)
     * @throws EngineUnavailableException interfaces were configured but epoll is unavailable
     */
    public static DhcpTransport start(TransportConfig config, DatagramHandler handler) {
        IoEngine engine = IoEngine.select(config);
        List<Ingress.Interface> links = new ArrayList<>();
        for (String name : config.interfaces()) {
            links.add(lookUp(name));
        }
        var group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("dhcp-transport", true),
                engine.ioHandlerFactory());
        var counters = new Counters();
        var transport = new DhcpTransport(engine, group, counters);
        try {
            for (Ingress.Interface link : links) {
                transport.add(transport.open(link, new InetSocketAddress(Ipv4.ZERO, config.port()), handler));
            }
            for (InetSocketAddress address : config.addresses()) {
                transport.add(transport.open(new Ingress.BoundAddress(address), address, handler));
            }
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        log.info("DHCP transport serving {} on {}", transport.ordered.stream().map(ChannelBinding::ingress).toList(),
                engine);
        return transport;
    }

    private void add(ChannelBinding binding) {
        channels.put(binding.ingress(), binding);
        ordered.add(binding);
    }

    /** The interface named {@code name}, as an ingress; an {@link UnknownInterfaceException} when there is none. */
    static Ingress.Interface lookUp(String name) {
        NetworkInterface nic;
        try {
            nic = NetworkInterface.getByName(name);
        } catch (SocketException e) {
            throw new UnknownInterfaceException(name, e);
        }
        if (nic == null) {
            throw new UnknownInterfaceException(name, null);
        }
        List<Inet4Address> addresses = nic.inetAddresses()
                .filter(Inet4Address.class::isInstance).map(Inet4Address.class::cast).toList();
        try {
            if (!nic.isUp()) {
                log.warn("interface {} is down: serving it anyway, packets arrive once it comes up", name);
            }
        } catch (SocketException e) {
            log.warn("cannot tell whether interface {} is up", name, e);
        }
        return new Ingress.Interface(name, nic.getIndex(), addresses);
    }

    private ChannelBinding open(Ingress ingress, InetSocketAddress local, DatagramHandler handler) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channelFactory(engine::newChannel)
                .option(ChannelOption.SO_BROADCAST, true)
                // No SO_REUSEADDR: sockets bound to different devices share 0.0.0.0:67 without it
                // (Linux's UDP bind check ignores sockets on other devices), and without it a second
                // server already on this port and link makes start() fail instead of splitting traffic.
                .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER_BYTES))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        // Replies written one by one in the same turn of the event loop leave in
                        // one flush: one sendmmsg(2) for a committed batch instead of a sendmsg each.
                        ch.pipeline().addLast(new FlushConsolidationHandler(FLUSHES_CONSOLIDATED, true),
                                new IngressChannelHandler(ingress, handler, DhcpTransport.this, counters,
                                        () -> receiving));
                    }
                });
        if (engine == IoEngine.EPOLL) {
            // Report each packet's own destination (255.255.255.255 or our unicast address), not 0.0.0.0.
            bootstrap.option(EpollChannelOption.IP_RECVORIGDSTADDR, true);
        }
        ChannelFuture registered = bootstrap.register().syncUninterruptibly();
        Channel channel = registered.channel();
        int fd = channel instanceof EpollDatagramChannel epoll ? epoll.fd().intValue() : -1;
        try {
            if (ingress instanceof Ingress.Interface link) {
                try {
                    LinuxSockets.bindToDevice(fd, link.name());
                } catch (NativeCallException e) {
                    throw new SocketOptionException(link.name(), "SO_BINDTODEVICE", e);
                }
            }
            enlargeReceiveBuffer(channel, fd, ingress);
            ChannelFuture bound = channel.bind(local).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                throw new BindFailedException(ingress, bound.cause());
            }
        } catch (RuntimeException e) {
            channel.close().awaitUninterruptibly();
            throw e;
        }
        channel.closeFuture().addListener(f -> {
            if (!closed) {
                log.error("the channel for {} closed while the transport runs", ingress);
            }
        });
        return new ChannelBinding(IngressChannelHandler.bound(ingress, channel), channel, fd);
    }

    /**
     * SO_RCVBUFFORCE where the process may (CAP_NET_ADMIN, as root), else SO_RCVBUF, which the
     * kernel caps at {@code net.core.rmem_max}: then the operator is told how to lift the cap.
     */
    private static void enlargeReceiveBuffer(Channel channel, int fd, Ingress ingress) {
        if (fd >= 0) {
            try {
                LinuxSockets.forceReceiveBuffer(fd, SOCKET_RECEIVE_BUFFER_BYTES);
                return;
            } catch (NativeCallException notPermitted) {
                log.debug("SO_RCVBUFFORCE refused on {} ({}): asking within net.core.rmem_max", ingress, notPermitted.getMessage());
            }
        }
        channel.config().setOption(ChannelOption.SO_RCVBUF, SOCKET_RECEIVE_BUFFER_BYTES);
        int granted = channel.config().getOption(ChannelOption.SO_RCVBUF);
        if (granted < SOCKET_RECEIVE_BUFFER_BYTES) {
            log.info("receive buffer of {} is {} bytes: net.core.rmem_max caps it; set it to {} (sysctl) so that bursts"
                    + " are queued rather than dropped", ingress, granted, SOCKET_RECEIVE_BUFFER_BYTES);
        }
    }

    /** The serving channels, in configuration order (interfaces, then addresses). */
    public List<Binding> bindings() {
        return ordered.stream()
                .map(b -> new Binding(b.ingress(), (InetSocketAddress) b.channel().localAddress(),
                        b.channel().config().getOption(ChannelOption.SO_RCVBUF)))
                .toList();
    }

    /** True when running on epoll (interface channels need it), false on NIO. */
    public boolean epoll() {
        return engine == IoEngine.EPOLL;
    }

    @Override
    public CompletableFuture<Void> send(OutboundDatagram datagram) {
        ChannelBinding binding = channels.get(datagram.via());
        if (binding == null || closed) {
            datagram.content().release();
            counters.countSendFailure();
            return CompletableFuture.failedFuture(new IllegalStateException(
                    closed ? "transport closed" : "no channel serves " + datagram.via()));
        }
        var done = new CompletableFuture<Void>();
        try {
            if (binding.channel().eventLoop().inEventLoop()) {
                write(binding, datagram, done);
                return done;
            }
            binding.channel().eventLoop().execute(() -> write(binding, datagram, done));
        } catch (RejectedExecutionException e) {
            datagram.content().release();
            counters.countSendFailure();
            done.completeExceptionally(e);
        }
        return done;
    }

    private void write(ChannelBinding binding, OutboundDatagram datagram, CompletableFuture<Void> done) {
        ReplyRouter.Route route;
        try {
            route = router.route(binding, datagram.destination());
        } catch (RuntimeException e) {
            datagram.content().release();
            counters.countSendFailure();
            done.completeExceptionally(e);
            return;
        }
        binding.channel().writeAndFlush(new DatagramPacket(datagram.content(), route.target())).addListener(f -> {
            if (f.isSuccess()) {
                counters.countSent(route.path());
                done.complete(null);
            } else {
                counters.countSendFailure();
                log.debug("sending {} to {} failed", datagram, route.target(), f.cause());
                done.completeExceptionally(f.cause());
            }
        });
    }

    @Override
    public Executor executorFor(Ingress ingress) {
        return readingThread(ingress).orElse(Runnable::run);
    }

    /** The event loop of {@code ingress}'s channel (one loop serves every channel of a transport). */
    @Override
    public Optional<Executor> readingThread(Ingress ingress) {
        ChannelBinding binding = channels.get(ingress);
        return binding != null ? Optional.of(binding.channel().eventLoop()) : Optional.empty();
    }

    @Override
    public void countDrop(DropReason reason) {
        counters.countDrop(reason);
    }

    @Override
    public void countDrop(DropReason reason, SubnetId subnet) {
        counters.countDrop(reason, subnet);
    }

    @Override
    public TransportCounters counters() {
        return counters;
    }

    /**
     * Stops reading from every channel; replies can still be sent. The first step of an orderly
     * stop: the requests already read are decided and answered before {@link #close}. Returns once
     * every datagram already read has been handed to the handler (a read in progress when reading
     * stops finishes first), so that whatever waits for the handler's work next sees all of it.
     * What the kernel still holds for us is never read; those clients retransmit to whoever
     * serves next. A datagram the channel still reads after this began (Netty's epoll channel,
     * with a read already requested, reads the next one to arrive after auto-read went off,
     * however late) is counted as {@link TransportDrop#STOPPING} and goes no further.
     */
    public void stopReceiving() {
        receiving = false;
        ordered.forEach(b -> b.channel().config().setAutoRead(false));
        awaitTasksQueuedSoFar();
    }

    /** Waits (bounded) until each event loop has run what was queued on it before this call: it runs its work in order. */
    private void awaitTasksQueuedSoFar() {
        for (ChannelBinding b : ordered) {
            try {
                b.channel().eventLoop().submit(() -> { }).awaitUninterruptibly(2, TimeUnit.SECONDS);
            } catch (RejectedExecutionException loopAlreadyStopped) {
                // Nothing queued there will run anyway.
            }
        }
    }

    /** Closes every channel and stops the event loop. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        // Replies already handed to an event loop go out first: an orderly stop ends its drain with
        // the last batch's replies queued there, and a closed transport would count them as failed.
        awaitTasksQueuedSoFar();
        closed = true;
        ordered.forEach(b -> b.channel().close().awaitUninterruptibly());
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        log.info("DHCP transport closed ({})", counters);
    }
}
