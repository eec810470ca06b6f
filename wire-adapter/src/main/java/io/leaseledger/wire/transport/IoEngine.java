package io.leaseledger.wire.transport;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Netty I/O engine the transport runs on: epoll, or NIO where epoll cannot load. */
enum IoEngine {
    // AF_INET sockets, not the dual-stack AF_INET6 ones Netty prefers: DHCPv4 addresses come out as
    // plain IPv4, and the kernel takes ARP ioctls (SIOCSARP) only on AF_INET sockets.
    EPOLL(EpollIoHandler::newFactory, () -> new EpollDatagramChannel(SocketProtocolFamily.INET)),
    NIO(NioIoHandler::newFactory, () -> new NioDatagramChannel(SocketProtocolFamily.INET));

    private static final Logger log = LoggerFactory.getLogger(IoEngine.class);

    private final Supplier<IoHandlerFactory> handlers;
    private final Supplier<DatagramChannel> channels;

    IoEngine(Supplier<IoHandlerFactory> handlers, Supplier<DatagramChannel> channels) {
        this.handlers = handlers;
        this.channels = channels;
    }

    IoHandlerFactory ioHandlerFactory() {
        return handlers.get();
    }

    DatagramChannel newChannel() {
        return channels.get();
    }

    /** Picks the engine for a configuration, logging which and why. */
    static IoEngine select(TransportConfig config) {
        boolean needsEpoll = !config.interfaces().isEmpty();
        return switch (config.engine()) {
            case EPOLL -> requireEpoll("the EPOLL engine was configured");
            case NIO -> {
                if (needsEpoll) {
                    throw new EngineUnavailableException("interface channels " + config.interfaces()
                            + " need the epoll engine (SO_BINDTODEVICE on the socket), but NIO was configured", null);
                }
                log.info("transport engine: NIO (configured)");
                yield NIO;
            }
            case AUTO -> {
                if (Epoll.isAvailable()) {
                    log.info("transport engine: epoll");
                    yield EPOLL;
                }
                if (needsEpoll) {
                    yield requireEpoll("interface channels " + config.interfaces() + " need it");
                }
                log.warn("transport engine: NIO, because epoll is unavailable ({})",
                        String.valueOf(Epoll.unavailabilityCause()));
                yield NIO;
            }
        };
    }

    private static IoEngine requireEpoll(String why) {
        if (!Epoll.isAvailable()) {
            throw new EngineUnavailableException("the epoll engine is unavailable and " + why,
                    Epoll.unavailabilityCause());
        }
        log.info("transport engine: epoll");
        return EPOLL;
    }
}
