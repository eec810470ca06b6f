package io.leaseledger.server;

import io.leaseledger.wire.dhcp4.Dhcp4Decoder;
import io.leaseledger.wire.dhcp4.Dhcp4Encoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.Dhcp4DecodeException;
import io.leaseledger.wire.transport.DatagramHandler;
import io.leaseledger.wire.transport.DhcpTransport;
import io.leaseledger.wire.transport.ReplyPorts;
import io.leaseledger.wire.transport.TransportConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The warm-up's way through a real transport channel: a {@link DhcpTransport} of its own bound to
 * an ephemeral port on 127.0.0.1, and a client socket, also on 127.0.0.1, that plays a relay —
 * requests go to the channel, replies come back to the client's port. So Netty's socket reads and
 * writes, the transport's reply routing and the kernel's UDP path are compiled before the first
 * real client, not under it: in the first second of real traffic they were most of what the JIT
 * still compiled. Nothing leaves the host's loopback, and the ports are the kernel's choice.
 */
final class LoopbackWire implements AutoCloseable {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Room for a whole round's replies if the reader falls behind. */
    private static final int CLIENT_RECEIVE_BUFFER = 4 * 1024 * 1024;
    private static final int MAX_DATAGRAM = 9216;

    private final DatagramChannel client;
    private final DhcpTransport transport;
    private final InetSocketAddress server;
    private final Thread reader;

    private LoopbackWire(DatagramChannel client, DhcpTransport transport, InetSocketAddress server,
                         Consumer<Dhcp4Message> replies) {
        this.client = client;
        this.transport = transport;
        this.server = server;
        this.reader = Thread.ofPlatform().name("warm-up-loopback-client").daemon().start(() -> read(replies));
    }

    /**
     * Opens the client socket, then the transport with the handler {@code handlerFor} makes for
     * the client's port (the port relays are answered on), and starts reading replies into
     * {@code replies}.
     */
    static LoopbackWire open(Function<ReplyPorts, DatagramHandler> handlerFor, Consumer<Dhcp4Message> replies)
            throws IOException {
        DatagramChannel client = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            client.setOption(StandardSocketOptions.SO_RCVBUF, CLIENT_RECEIVE_BUFFER);
            client.bind(new InetSocketAddress(LOOPBACK, 0));
            int relayPort = ((InetSocketAddress) client.getLocalAddress()).getPort();
            DhcpTransport transport = DhcpTransport.start(
                    TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)),
                    handlerFor.apply(new ReplyPorts(relayPort, ReplyPorts.STANDARD.client())));
            return new LoopbackWire(client, transport, transport.bindings().getFirst().localAddress(), replies);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** The address relayed requests carry as giaddr: replies go back to it. */
    static InetAddress relayAddress() {
        return LOOPBACK;
    }

    /** The warm-up's transport channel's address. */
    InetSocketAddress channel() {
        return server;
    }

    /** Sends one request to the transport's channel. */
    void send(Dhcp4Message request) throws IOException {
        client.send(ByteBuffer.wrap(Dhcp4Encoder.encode(request)), server);
    }

    private void read(Consumer<Dhcp4Message> replies) {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        try {
            while (true) {
                buffer.clear();
                SocketAddress from = client.receive(buffer);
                if (!server.equals(from)) {
                    continue;   // not the warm-up's channel: nothing else has reason to write here
                }
                buffer.flip();
                try {
                    replies.accept(Dhcp4Decoder.decode(buffer.array(), 0, buffer.limit()));
                } catch (Dhcp4DecodeException e) {
                    // the round waits for an outcome it will not get, and its timeout ends the loopback rounds
                }
            }
        } catch (ClosedChannelException closed) {
            // close(): the warm-up is over
        } catch (IOException e) {
            // the same: the round that waits times out
        }
    }

    @Override
    public void close() {
        transport.close();
        try {
            client.close();
        } catch (IOException ignored) {
            // a loopback socket
        }
        try {
            reader.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
