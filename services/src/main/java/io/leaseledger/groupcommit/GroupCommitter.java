package io.leaseledger.groupcommit;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The mailboxes of all subnets, on one small pool of worker threads (and on the threads that
 * read the packets, while a subnet keeps up: {@link SubnetMailbox}). A subnet's mailbox is
 * created on its first message; its decider comes from {@code deciders} (one command per batch,
 * routed to that subnet's aggregate).
 *
 * @param <K> the subnet key
 * @param <M> what a packet becomes before it is decided
 * @param <D> a committed decision
 */
public final class GroupCommitter<K, M, D> implements AutoCloseable {
    private final Function<K, BatchDecider<M, D>> deciders;
    private final int batchLimit;
    private final int capacity;
    private final Duration commitDelay;
    private final Duration maxWait;
    private final ExecutorService workers;
    /** Starts the batches that wait for companions ({@code commitDelay}); never runs a command itself. */
    private final ScheduledExecutorService delays;
    private final MailboxStats stats = new MailboxStats();
    private final Map<K, SubnetMailbox<M, D>> mailboxes = new ConcurrentHashMap<>();
    private volatile BatchObserver observer = BatchObserver.NONE;
    private final CommitHealth health = new CommitHealth(System::nanoTime);

    public GroupCommitter(Function<K, BatchDecider<M, D>> deciders, int batchLimit, int capacity, int workerThreads) {
        this(deciders, batchLimit, capacity, workerThreads, Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param commitDelay how long a packet on a busy subnet may wait for companions
     * @param maxWait     how long a packet may wait at all before it is dropped undecided (see {@link SubnetMailbox})
     */
    public GroupCommitter(Function<K, BatchDecider<M, D>> deciders, int batchLimit, int capacity, int workerThreads,
                          Duration commitDelay, Duration maxWait) {
        this.deciders = deciders;
        this.commitDelay = commitDelay;
        this.maxWait = maxWait;
        this.delays = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "leaseledger-commit-delay");
            thread.setDaemon(true);
            return thread;
        });
        this.batchLimit = batchLimit;
        this.capacity = capacity;
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerThreads, runnable -> {
            Thread thread = new Thread(runnable, "leaseledger-commit-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues {@code message} for subnet {@code key}; the future holds its committed decision. */
    public CompletableFuture<D> submit(K key, M message) {
        return mailbox(key).submit(message);
    }

    /** {@link #submit(Object, Object)}, from a reading thread that may run the batch (see {@link SubnetMailbox}). */
    public CompletableFuture<D> submit(K key, M message, Executor readingThread) {
        return mailbox(key).submit(message, readingThread);
    }

    public SubnetMailbox<M, D> mailbox(K key) {
        return mailboxes.computeIfAbsent(key, k ->
                new SubnetMailbox<>(String.valueOf(k), deciders.apply(k), workers, batchLimit, capacity, stats,
                        commitDelay, maxWait, delays, System::nanoTime,
                        (subnet, messages, waited, took) -> observer.batchCommitted(subnet, messages, waited, took),
                        health));
    }

    /** From now on, {@code batches} is told of every batch any mailbox commits (one observer: it replaces the last). */
    public void observeBatches(BatchObserver batches) {
        this.observer = Objects.requireNonNull(batches, "batches");
    }

    /** Which subnets cannot commit right now. */
    public CommitHealth health() {
        return health;
    }

    /** Counters summed over all subnets. */
    public MailboxStats.Snapshot stats() {
        return stats.snapshot();
    }

    /**
     * Waits until every mailbox is idle (each message submitted so far decided, refused or gone
     * stale), at most {@code limit}; true when they all are. New messages may still arrive
     * meanwhile: stop the sources first.
     */
    public boolean drain(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!mailboxes.values().stream().allMatch(SubnetMailbox::idle)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Fails waiting messages, lets batches in flight finish (bounded), stops the workers. */
    @Override
    public void close() {
        mailboxes.values().forEach(SubnetMailbox::close);
        delays.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
