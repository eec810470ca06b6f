package io.leaseledger.groupcommit;

/**
 * Told of every batch a mailbox committed: how many messages it decided, how long the oldest of
 * them had waited when the batch started, and how long deciding and committing it took. For
 * metrics: a stall anywhere on the commit path (a collector's pause, a slow disk, an overloaded
 * subnet) shows here first as a longer wait. Called on the commit thread once the batch's
 * replies are released, before its next batch starts: it must be quick and must not block.
 */
@FunctionalInterface
public interface BatchObserver {
    /** Observes nothing. */
    BatchObserver NONE = (subnet, messages, waitedNanos, tookNanos) -> { };

    void batchCommitted(String subnet, int messages, long waitedNanos, long tookNanos);
}
