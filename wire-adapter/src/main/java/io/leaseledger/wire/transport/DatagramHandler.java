package io.leaseledger.wire.transport;

/**
 * The next stage after the transport: called on the channel's event loop for each datagram, so it
 * must not block (hand work off to another executor instead). An exception it throws is counted
 * as {@link TransportDrop#HANDLER_FAILED} and logged; the channel keeps serving.
 */
@FunctionalInterface
public interface DatagramHandler {

    /**
     * @param datagram released by the transport when this returns; {@code retain()} it to keep it
     * @param transport to send replies and count drops
     */
    void handle(InboundDatagram datagram, TransportContext transport);
}
