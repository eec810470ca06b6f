package io.leaseledger.wire.transport;

import java.util.concurrent.CompletableFuture;

/** What a {@link DatagramHandler} can ask of the running transport. */
public interface TransportContext {

    /**
     * Sends a reply out of the channel its request came in on. Takes ownership of the content.
     * Thread-safe; the write happens on that channel's event loop.
     *
     * @return completes when the kernel took the datagram; fails when the ingress is unknown, the
     *     transport is closed, or the write failed (each counted as a send failure)
     */
    CompletableFuture<Void> send(OutboundDatagram datagram);

    /** Counts a datagram the next stage dropped (malformed, not for us, ...). */
    void countDrop(DropReason reason);

    TransportCounters counters();
}
