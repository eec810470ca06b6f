package io.leaseledger.wire.transport;

import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * A reply to send: out of the channel its request came in on ({@code via}), to the destination
 * {@link ReplyAddressing} chose. {@link TransportContext#send} takes ownership of {@code content}
 * and releases it whatever happens.
 */
public record OutboundDatagram(Ingress via, ReplyDestination destination, ByteBuf content) {

    public OutboundDatagram {
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public String toString() {
        return "OutboundDatagram[" + content.readableBytes() + " bytes via " + via + " to " + destination + "]";
    }
}
