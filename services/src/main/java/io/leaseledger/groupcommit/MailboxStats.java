package io.leaseledger.groupcommit;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one mailbox (or, summed, of all): what arrived, was dropped, decided, failed. */
public final class MailboxStats {
    final LongAdder accepted = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder commits = new LongAdder();
    final LongAdder decided = new LongAdder();
    final LongAdder failedBatches = new LongAdder();
    final LongAdder failedMessages = new LongAdder();
    final LongAdder stale = new LongAdder();
    final LongAdder shed = new LongAdder();

    /** A consistent-enough copy for metrics and benchmarks. */
    public Snapshot snapshot() {
        return new Snapshot(accepted.sum(), dropped.sum(), commits.sum(), decided.sum(),
                failedBatches.sum(), failedMessages.sum(), stale.sum(), shed.sum());
    }

    /**
     * @param accepted       messages queued
     * @param dropped        messages refused because the mailbox was full
     * @param commits        batches decided and committed (one command, one transaction each)
     * @param decided        messages whose decision was committed
     * @param failedBatches  batches whose command failed (nothing committed)
     * @param failedMessages messages of those batches
     * @param stale          messages dropped undecided because they had waited longer than the mailbox's max wait
     * @param shed           messages starting new work refused because the mailbox was more than half full
     */
    public record Snapshot(long accepted, long dropped, long commits, long decided, long failedBatches,
                           long failedMessages, long stale, long shed) {}
}
