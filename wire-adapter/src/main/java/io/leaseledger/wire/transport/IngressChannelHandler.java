package io.leaseledger.wire.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tags each datagram of one channel with its ingress and hands it to the next stage. Nothing that
 * happens here closes the channel: one bad datagram, or one bug in a handler, must not stop a
 * DHCP server from serving the link.
 */
final class IngressChannelHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger log = LoggerFactory.getLogger(IngressChannelHandler.class);

    private Ingress ingress; // written once in channelActive, before the first read, on the event loop
    private final DatagramHandler next;
    private final TransportContext transport;
    private final Counters counters;
    private final BooleanSupplier receiving;

    /** {@code receiving} false: the transport is stopping; a datagram read then is counted and dropped. */
    IngressChannelHandler(Ingress ingress, DatagramHandler next, TransportContext transport, Counters counters,
                          BooleanSupplier receiving) {
        super(DatagramPacket.class, true); // the packet is released when channelRead0 returns
        this.ingress = ingress;
        this.next = next;
        this.transport = transport;
        this.counters = counters;
        this.receiving = receiving;
    }

    /** The ingress of a bound channel: an address bound to port 0 is tagged with the port the kernel chose. */
    static Ingress bound(Ingress configured, Channel channel) {
        if (configured instanceof Ingress.BoundAddress address && address.address().getPort() == 0) {
            return new Ingress.BoundAddress((InetSocketAddress) channel.localAddress());
        }
        return configured;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ingress = bound(ingress, ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        counters.countReceived();
        if (!receiving.getAsBoolean()) {
            // Netty's epoll channel still reads the next datagram to arrive after auto-read went
            // off (a read was already requested), however late: the stop's accounting must not
            // gain a request the drain has stopped waiting for.
            counters.countDrop(TransportDrop.STOPPING);
            return;
        }
        var datagram = new InboundDatagram(packet.content(), packet.sender(), packet.recipient(), ingress);
        try {
            next.handle(datagram, transport);
        } catch (RuntimeException e) {
            counters.countDrop(TransportDrop.HANDLER_FAILED);
            log.warn("handler failed on {}; datagram dropped, channel stays open", datagram, e);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Deliberately not ctx.close() and not passed on (the tail would only log it again).
        counters.countChannelError();
        log.warn("error on the channel for {}; it stays open", ingress, cause);
    }
}
