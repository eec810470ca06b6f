package io.leaseledger.wire.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One received UDP datagram and where it came from.
 *
 * <p>The transport releases {@code content} once {@link DatagramHandler#handle} returns; a
 * handler that keeps the datagram beyond the call must {@link #retain()} it (and release it later).
 *
 * @param content the UDP payload
 * @param sender the UDP source (a client's 0.0.0.0:68, a relay's giaddr:67, ...)
 * @param recipient the UDP destination as far as the kernel tells it: with epoll the packet's
 *     destination address (255.255.255.255 for a broadcast), with NIO the channel's bound address
 * @param ingress the channel it was read from
 */
public record InboundDatagram(ByteBuf content, InetSocketAddress sender, InetSocketAddress recipient, Ingress ingress)
        implements ByteBufHolder {

    public InboundDatagram {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(ingress, "ingress");
    }

    @Override
    public InboundDatagram copy() {
        return replace(content.copy());
    }

    @Override
    public InboundDatagram duplicate() {
        return replace(content.duplicate());
    }

    @Override
    public InboundDatagram retainedDuplicate() {
        return replace(content.retainedDuplicate());
    }

    @Override
    public InboundDatagram replace(ByteBuf replacement) {
        return new InboundDatagram(replacement, sender, recipient, ingress);
    }

    @Override
    public int refCnt() {
        return content.refCnt();
    }

    @Override
    public InboundDatagram retain() {
        content.retain();
        return this;
    }

    @Override
    public InboundDatagram retain(int increment) {
        content.retain(increment);
        return this;
    }

    @Override
    public InboundDatagram touch() {
        content.touch();
        return this;
    }

    @Override
    public InboundDatagram touch(Object hint) {
        content.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return content.release();
    }

    @Override
    public boolean release(int decrement) {
        return content.release(decrement);
    }

    @Override
    public String toString() {
        return "InboundDatagram[" + content.readableBytes() + " bytes from " + sender + " to " + recipient + " via "
                + ingress + "]";
    }
}
