package io.leaseledger.wire.transport;

/** Drops the transport itself counts. */
public enum TransportDrop implements DropReason {
    /** The handler threw: the datagram was not (fully) processed. */
    HANDLER_FAILED
}
