package io.leaseledger.wire.transport;

import io.leaseledger.wire.dhcp4.Dhcp4DecodeException;
import io.leaseledger.wire.dhcp4.Dhcp4Decoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage on top of the transport: decodes each datagram with the DHCPv4 codec and hands
 * requests on. A datagram the codec rejects is counted as {@link MalformedDatagram} (by the codec's
 * reason) and dropped; a BOOTREPLY as {@link TransportDrop#NOT_A_REQUEST}. Neither is logged above
 * DEBUG: on a hostile link they come in floods and the counters say enough.
 */
public final class DecodingHandler implements DatagramHandler {

    /** The next stage: receives decoded requests, on the event loop (so it must not block). */
    @FunctionalInterface
    public interface RequestHandler {
        void handle(DecodedRequest request, TransportContext transport);
    }

    private static final Logger log = LoggerFactory.getLogger(DecodingHandler.class);

    private final RequestHandler next;

    public DecodingHandler(RequestHandler next) {
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public void handle(InboundDatagram datagram, TransportContext transport) {
        Dhcp4Message message;
        try {
            message = Dhcp4Decoder.decode(datagram.content());
        } catch (Dhcp4DecodeException e) {
            transport.countDrop(new MalformedDatagram(e.reason()));
            log.debug("dropped {}: {}", datagram, e.getMessage());
            return;
        }
        if (!message.isRequest()) {
            transport.countDrop(TransportDrop.NOT_A_REQUEST);
            log.debug("dropped a BOOTREPLY {} from {}", message.messageType(), datagram.sender());
            return;
        }
        next.handle(new DecodedRequest(message, datagram.sender(), datagram.recipient(), datagram.ingress()),
                transport);
    }
}
