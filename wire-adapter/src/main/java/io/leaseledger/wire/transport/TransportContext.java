package io.leaseledger.wire.transport;

import io.leaseledger.events.types.SubnetId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

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

    /**
     * Where work that ends in a {@link #send} through {@code ingress} is best run: the event loop
     * of that ingress's channel, so that the send needs no hand-over and replies written in one
     * turn of the loop leave in one flush. The default runs it on the calling thread.
     */
    default Executor executorFor(Ingress ingress) {
        return Runnable::run;
    }

    /**
     * The thread that reads {@code ingress}'s datagrams, offered for short work that is better
     * run between its reads than handed to a thread of its own: on a machine with few cores a
     * hand-over costs a wake-up on each side and one more runnable thread. Whatever runs there
     * holds up the reads behind it, so only work that is short and bounded belongs there. Empty
     * (the default) when there is no such thread.
     */
    default Optional<Executor> readingThread(Ingress ingress) {
        return Optional.empty();
    }

    /**
     * Counts a datagram the next stage dropped before it knew which subnet the datagram was for
     * (malformed, no served subnet matched, ...).
     */
    void countDrop(DropReason reason);

    /**
     * Counts a datagram dropped once the subnet it was for was known (its mailbox full, the packet
     * too old, ...), under that subnet: an operator sees which subnet is shedding.
     */
    void countDrop(DropReason reason, SubnetId subnet);

    TransportCounters counters();
}
