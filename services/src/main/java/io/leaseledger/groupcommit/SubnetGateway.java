package io.leaseledger.groupcommit;

import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Decision;
import io.leaseledger.events.subnet.InUseOutcome;
import io.leaseledger.events.subnet.ReclaimOutcome;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.store.StoreSettings;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The packet path's way into the {@code Subnet} aggregates: group commit per subnet.
 *
 * <p>{@link #decide} queues a client message in its subnet's mailbox; the returned future
 * completes with the {@link Decision} only after the transaction holding the decision's events
 * has committed (a reply built from it never runs ahead of the store). It fails when the command
 * failed (nothing committed: send no reply), when the subnet's mailbox is full
 * ({@link MailboxFullException}, counted), or when the gateway is closed.
 *
 * <p>{@link #reclaim} goes through the same mailbox, so expiry is serialised with the packets
 * of its subnet.
 */
public final class SubnetGateway implements AutoCloseable {
    private final GroupCommitter<SubnetId, SubnetWork, SubnetWork.Result> committer;

    public SubnetGateway(CommandGateway commands, Clock clock, StoreSettings.Mailbox settings) {
        this.committer = new GroupCommitter<>(subnet -> new SubnetCommandDecider(subnet, commands, clock),
                settings.batchLimit(), settings.capacity(), settings.workers(), settings.commitDelay(), settings.maxWait());
    }

    public CompletableFuture<Decision> decide(SubnetId subnet, ClientMessage message) {
        return decide(subnet, message, null);
    }

    /**
     * {@link #decide(SubnetId, ClientMessage)} for a packet read on {@code readingThread} (null:
     * none), which runs the batch while the subnet keeps up (see {@link SubnetMailbox}).
     */
    public CompletableFuture<Decision> decide(SubnetId subnet, ClientMessage message, Executor readingThread) {
        return committer.submit(subnet, new SubnetWork.Packet(message), readingThread)
                .thenApply(result -> ((SubnetWork.Decided) result).decision());
    }

    public CompletableFuture<ReclaimOutcome> reclaim(SubnetId subnet, int batchLimit) {
        return committer.submit(subnet, new SubnetWork.Reclaim(batchLimit))
                .thenApply(result -> ((SubnetWork.Reclaimed) result).outcome());
    }

    /**
     * Reports a device seen using an address ({@code mac} null: one that only answered an ICMP
     * echo), through the subnet's mailbox (serialised with its packets; refused like a packet when
     * the mailbox is full).
     */
    public CompletableFuture<InUseOutcome> report(SubnetId subnet, Ipv4Address address, MacAddress mac) {
        return committer.submit(subnet, new SubnetWork.Sighting(address, mac))
                .thenApply(result -> ((SubnetWork.Observed) result).outcome());
    }

    /**
     * Reports another DHCP server heard on a link of {@code subnet}, through its mailbox (as
     * {@link #report}); completes with whether the subnet recorded it.
     */
    public CompletableFuture<Boolean> reportForeignServer(SubnetId subnet, SubnetWork.ForeignServer heard) {
        return committer.submit(subnet, heard)
                .thenApply(result -> ((SubnetWork.Recorded) result).recorded());
    }

    /**
     * Reports a device heard on a link of {@code subnet} (network discovery), through its mailbox
     * (as {@link #report}); completes with whether the subnet recorded it.
     */
    public CompletableFuture<Boolean> reportDevice(SubnetId subnet, SubnetWork.Device heard) {
        return committer.submit(subnet, heard)
                .thenApply(result -> ((SubnetWork.Recorded) result).recorded());
    }

    /**
     * The HA partner's events on {@code subnet}, through its mailbox (serialised with its packets);
     * completes with how many the subnet applied. Refused like a packet when the mailbox is full:
     * the partner feed then reads the partner's stream again from where it stood.
     */
    public CompletableFuture<Integer> replicate(SubnetId subnet, SubnetWork.Replicate partnerEvents) {
        return committer.submit(subnet, partnerEvents)
                .thenApply(result -> ((SubnetWork.Replicated) result).applied());
    }

    /** Packets accepted, dropped, decided; commits (batches) and failed batches, over all subnets. */
    public MailboxStats.Snapshot stats() {
        return committer.stats();
    }

    /** Which subnets cannot commit right now (their latest batch failed): {@code GET /health}. */
    public CommitHealth health() {
        return committer.health();
    }

    /** {@code batches} is told of every batch committed from now on, on the commit thread (metrics). */
    public void observeBatches(BatchObserver batches) {
        committer.observeBatches(batches);
    }

    /** Messages waiting for {@code subnet}'s next batch. */
    public int waiting(SubnetId subnet) {
        return committer.mailbox(subnet).waiting();
    }

    /** Waits, at most {@code limit}, until every message submitted so far has been decided (or refused). */
    public boolean drain(Duration limit) {
        return committer.drain(limit);
    }

    @Override
    public void close() {
        committer.close();
    }
}
