package io.leaseledger.wire.transport;

/** Drops the transport and its decoding stage count (decoding errors: {@link MalformedDatagram}). */
public enum TransportDrop implements DropReason {
    /** The handler threw: the datagram was not (fully) processed. */
    HANDLER_FAILED,
    /** A well-formed BOOTREPLY (another server's OFFER or ACK on the link): a server serves requests only. */
    NOT_A_REQUEST,
    /**
     * Read after the orderly stop began ({@link DhcpTransport#stopReceiving}): left undecided, like
     * the datagrams still in the kernel's queue; the client retransmits to whoever serves next.
     */
    STOPPING
}
