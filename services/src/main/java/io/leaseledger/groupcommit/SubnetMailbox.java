package io.leaseledger.groupcommit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for one subnet. Messages that arrive while the subnet's command is in flight
 * wait here and are decided together by the next command — one transaction for up to
 * {@code batchLimit} messages — instead of one transaction each.
 *
 * <ul>
 *   <li>One batch at a time per subnet, in arrival order: decisions for a subnet are made and
 *       delivered in the order its messages arrived.</li>
 *   <li>Each submitter's future completes only after {@link BatchDecider#decide} has returned,
 *       i.e. after the transaction that decided it committed. If the command fails, every
 *       future of that batch fails and no reply leaves; the next batch is tried afresh.</li>
 *   <li>Subnets are independent: each mailbox runs its batches on the shared executor, so
 *       different subnets commit in parallel up to the executor's size. After each batch the
 *       mailbox re-queues itself rather than looping, so a busy subnet cannot starve others.</li>
 *   <li>Bounded: beyond {@code capacity} waiting messages a new one is refused with
 *       {@link MailboxFullException} and counted as dropped.</li>
 *   <li>Finishing before starting: while the oldest waiting message has waited more than half
 *       of {@code maxWait}, a message that starts new work ({@link BatchDecider#startsNewWork}:
 *       a DISCOVER) is refused with {@link NewWorkShedException} and counted as shed; the rest
 *       (the REQUESTs of clients already offered an address, renewals, releases) is still
 *       queued. A DORA begun then would wait that long twice, for its offer and for its ACK,
 *       and not finish within {@code maxWait}; the subnet spends its commits on the DORAs it
 *       has begun instead — an offer whose REQUEST goes stale was a commit for nothing — and new
 *       clients retransmit their DISCOVERs once it has caught up (a PXE storm after a power cut,
 *       a flood). The age, not the count, is the signal: a stall of a few hundred milliseconds
 *       (a collector's pause) fills the queue without overloading the subnet.</li>
 *   <li>Commit delay (PostgreSQL's {@code commit_delay}, for the same reason): a commit has a
 *       fixed cost several times that of a decision, so on a busy subnet — one that committed
 *       within the last {@link #BUSY_WINDOW_NANOS} ns — a batch of fewer than
 *       {@link #COMPANIONS} messages waits up to {@code commitDelay} for companions before it is
 *       committed. An idle subnet's first packet, and a batch that is already large, go at once.
 *       The reply still leaves only after the commit; the delay is latency traded for CPU.</li>
 *   <li>Max wait: a message that waited longer than {@code maxWait} when its batch is formed is
 *       dropped undecided ({@link StaleMessageException}, counted as stale). Under overload the
 *       mailbox then spends its commits on packets whose clients still wait, instead of
 *       answering, late, clients that already retransmitted or gave up.</li>
 *   <li>Where a batch runs: a message may come with the thread it was read on
 *       ({@link #submit(Object, Executor)}: the transport's event loop). While the subnet keeps
 *       up — what is waiting fits in {@value #READING_THREAD_BATCHES} batches — its batches run
 *       there, between that thread's reads, instead of on a worker: no hand-over to wake a worker
 *       for and back again, and one runnable thread fewer beside the load (on two cores, the one
 *       that sends the requests). Once more is waiting, batches go to the workers, and
 *       the reading thread goes back to reading, so that a backlog is queued here, where it is
 *       bounded, shed and aged as above, and not in the kernel's socket buffer, which drops
 *       whatever comes next, REQUESTs and DISCOVERs alike.</li>
 * </ul>
 *
 * <p>Futures complete on the thread that ran the batch; what a caller chains to them (encoding
 * and sending the reply) runs there and should not block.
 */
public final class SubnetMailbox<M, D> {
    private static final Logger LOG = LoggerFactory.getLogger(SubnetMailbox.class);
    /** A batch this large amortises the commit: it goes without waiting for more. */
    static final int COMPANIONS = 32;
    /**
     * While at most this many batches are waiting, the reading thread runs them (back to back,
     * before it reads again); beyond, the workers do. Four rather than one: a commit on a slow
     * machine, or a young collection, lets more than one batch pile up in the socket while the
     * subnet still keeps up, and handing those to a worker cost more than it saved
     * (docs/benchmarks.md, "Latest: batches on the event loop").
     */
    static final int READING_THREAD_BATCHES = 4;
    /** A subnet that committed this recently is busy: more packets are likely within the delay. */
    static final long BUSY_WINDOW_NANOS = 20_000_000L;

    private final String subnet;
    private final BatchDecider<M, D> decider;
    private final Executor executor;
    private final int batchLimit;
    private final int capacity;
    /** Once the oldest waiting message is this old, new work is refused (half the max wait; 0: never). */
    private final long shedAfterNanos;
    private final MailboxStats stats;
    private final long commitDelayNanos;
    private final long maxWaitNanos;
    private final ScheduledExecutorService delays;
    private final LongSupplier nanoTime;
    private final BatchObserver observer;
    private final CommitHealth health;
    private final AtomicBoolean observerFailed = new AtomicBoolean();
    /** When the last batch finished; {@code Long.MIN_VALUE / 2}: never (far enough in the past). */
    private volatile long lastCommitNanos = Long.MIN_VALUE / 2;
    private final ConcurrentLinkedQueue<Pending<M, D>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closed;

    public SubnetMailbox(String subnet, BatchDecider<M, D> decider, Executor executor, int batchLimit, int capacity,
                         MailboxStats stats) {
        this(subnet, decider, executor, batchLimit, capacity, stats, Duration.ZERO, Duration.ZERO, null, System::nanoTime);
    }

    /**
     * @param commitDelay how long a packet on a busy subnet may wait for companions (zero: never)
     * @param maxWait     a message that waited longer is dropped undecided (zero: never)
     * @param delays      starts the delayed batches (required when {@code commitDelay} is not zero)
     * @param nanoTime    the clock the delay, the busy window and the waits are measured with
     */
    public SubnetMailbox(String subnet, BatchDecider<M, D> decider, Executor executor, int batchLimit, int capacity,
                         MailboxStats stats, Duration commitDelay, Duration maxWait, ScheduledExecutorService delays,
                         LongSupplier nanoTime) {
        this(subnet, decider, executor, batchLimit, capacity, stats, commitDelay, maxWait, delays, nanoTime,
                BatchObserver.NONE);
    }

    /** As above; {@code observer} is told of every committed batch. */
    public SubnetMailbox(String subnet, BatchDecider<M, D> decider, Executor executor, int batchLimit, int capacity,
                         MailboxStats stats, Duration commitDelay, Duration maxWait, ScheduledExecutorService delays,
                         LongSupplier nanoTime, BatchObserver observer) {
        this(subnet, decider, executor, batchLimit, capacity, stats, commitDelay, maxWait, delays, nanoTime,
                observer, new CommitHealth(nanoTime));
    }

    /**
     * As above; {@code observer} is told of every committed batch, and {@code health} of each
     * batch's outcome before any of its messages learns it.
     */
    public SubnetMailbox(String subnet, BatchDecider<M, D> decider, Executor executor, int batchLimit, int capacity,
                         MailboxStats stats, Duration commitDelay, Duration maxWait, ScheduledExecutorService delays,
                         LongSupplier nanoTime, BatchObserver observer, CommitHealth health) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.health = Objects.requireNonNull(health, "health");
        this.commitDelayNanos = commitDelay.toNanos();
        this.maxWaitNanos = maxWait.toNanos();
        if (maxWaitNanos < 0) {
            throw new IllegalArgumentException("max wait must not be negative: " + maxWait);
        }
        if (commitDelayNanos < 0 || (commitDelayNanos > 0 && delays == null)) {
            throw new IllegalArgumentException("a commit delay needs a non-negative duration and a scheduler");
        }
        this.delays = delays;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.subnet = Objects.requireNonNull(subnet, "subnet");
        this.decider = Objects.requireNonNull(decider, "decider");
        this.executor = Objects.requireNonNull(executor, "executor");
        if (batchLimit < 1 || capacity < batchLimit) {
            throw new IllegalArgumentException("need 1 <= batchLimit <= capacity, got " + batchLimit + ", " + capacity);
        }
        this.batchLimit = batchLimit;
        this.capacity = capacity;
        this.shedAfterNanos = maxWaitNanos / 2;
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    /** Queues {@code message}; the future holds its committed decision. Its batch runs on a worker. */
    public CompletableFuture<D> submit(M message) {
        return submit(message, null);
    }

    /**
     * Queues {@code message}; the future holds its committed decision. {@code readingThread}
     * (may be null: none) is the thread {@code message} was read on, where its batch may run
     * while the subnet keeps up.
     */
    public CompletableFuture<D> submit(M message, Executor readingThread) {
        Objects.requireNonNull(message, "message");
        if (closed) {
            return CompletableFuture.failedFuture(new CancellationException("mailbox of subnet " + subnet + " is closed"));
        }
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            stats.dropped.increment();
            return CompletableFuture.failedFuture(new MailboxFullException(subnet, capacity));
        }
        long now = nanoTime.getAsLong();
        if (shedAfterNanos > 0 && decider.startsNewWork(message)) {
            Pending<M, D> oldest = queue.peek();
            if (oldest != null && now - oldest.queuedAt > shedAfterNanos) {
                waiting.decrementAndGet();
                stats.shed.increment();
                return CompletableFuture.failedFuture(new NewWorkShedException(subnet,
                        Duration.ofNanos(now - oldest.queuedAt), Duration.ofNanos(shedAfterNanos)));
            }
        }
        Pending<M, D> pending = new Pending<>(message, new CompletableFuture<>(), now, readingThread);
        queue.add(pending);
        stats.accepted.increment();
        schedule();
        return pending.result;
    }

    /** Messages waiting for the next batch (not counting the one in flight). */
    public int waiting() {
        return waiting.get();
    }

    public String subnet() {
        return subnet;
    }

    /** Nothing waiting and no batch scheduled or in flight: every message submitted so far has its outcome. */
    public boolean idle() {
        return queue.isEmpty() && !scheduled.get();
    }

    /** Refuses new messages and fails the waiting ones; a batch in flight still completes. */
    public void close() {
        closed = true;
        failWaiting(new CancellationException("mailbox of subnet " + subnet + " closed"));
    }

    private void schedule() {
        if (queue.isEmpty() || !scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            if (waitsForCompanions()) {
                delays.schedule(this::startBatch, commitDelayNanos, TimeUnit.NANOSECONDS);
            } else {
                runNextBatch();
            }
        } catch (RejectedExecutionException e) {
            scheduled.set(false);
            failWaiting(e);
        }
    }

    /**
     * Starts the next batch: on the thread its first message was read on while what is waiting
     * fits in {@value #READING_THREAD_BATCHES} batches, else (or when that thread takes no more
     * work: it is stopping) on a worker.
     */
    private void runNextBatch() {
        Pending<M, D> first = queue.peek();
        Executor readingThread = first == null ? null : first.readingThread;
        if (readingThread != null && waiting.get() <= batchLimit * READING_THREAD_BATCHES) {
            try {
                readingThread.execute(this::runOneBatch);
                return;
            } catch (RejectedExecutionException stopping) {
                // the workers take it
            }
        }
        executor.execute(this::runOneBatch);
    }

    private boolean waitsForCompanions() {
        return commitDelayNanos > 0 && waiting.get() < Math.min(COMPANIONS, batchLimit)
                && nanoTime.getAsLong() - lastCommitNanos < BUSY_WINDOW_NANOS;
    }

    /** The delay is over: the batch starts (never on the scheduler's thread). */
    private void startBatch() {
        try {
            runNextBatch();
        } catch (RejectedExecutionException e) {
            scheduled.set(false);
            failWaiting(e);
        }
    }

    private void runOneBatch() {
        try {
            List<Pending<M, D>> batch = take();
            if (!batch.isEmpty()) {
                decide(batch);
            }
        } finally {
            scheduled.set(false);
            // Messages that arrived during the commit form the next batch.
            schedule();
        }
    }

    private List<Pending<M, D>> take() {
        List<Pending<M, D>> batch = new ArrayList<>(Math.min(batchLimit, Math.max(1, waiting.get())));
        // Only one thread takes at a time (the scheduled flag), so peek-then-poll is safe.
        Pending<M, D> next;
        int stale = 0;
        long now = nanoTime.getAsLong();
        while (batch.size() < batchLimit && (next = queue.peek()) != null) {
            if (maxWaitNanos > 0 && now - next.queuedAt > maxWaitNanos) {
                queue.poll();
                stale++;
                next.result.completeExceptionally(new StaleMessageException(subnet,
                        Duration.ofNanos(now - next.queuedAt), Duration.ofNanos(maxWaitNanos)));
                continue;
            }
            if (!batch.isEmpty() && !decider.joins(batch.getFirst().message, next.message)) {
                break;
            }
            batch.add(queue.poll());
        }
        waiting.addAndGet(-batch.size() - stale);
        stats.stale.add(stale);
        return batch;
    }

    private void decide(List<Pending<M, D>> batch) {
        List<M> messages = new ArrayList<>(batch.size());
        for (Pending<M, D> pending : batch) {
            messages.add(pending.message);
        }
        List<D> decisions;
        long started = nanoTime.getAsLong();
        try {
            decisions = decider.decide(List.copyOf(messages));
            // Before any future completes: whoever the reply prompts to send more sees a busy subnet.
            lastCommitNanos = nanoTime.getAsLong();
            if (decisions == null || decisions.size() != batch.size()) {
                throw new IllegalStateException("decider returned " + (decisions == null ? "null" : decisions.size())
                        + " decisions for " + batch.size() + " messages of subnet " + subnet);
            }
        } catch (Throwable failure) {
            stats.failedBatches.increment();
            stats.failedMessages.add(batch.size());
            health.failed(subnet, failure);
            for (Pending<M, D> pending : batch) {
                pending.result.completeExceptionally(failure);
            }
            if (failure instanceof Error error) {
                throw error;
            }
            return;
        }
        stats.commits.increment();
        stats.decided.add(batch.size());
        health.committed(subnet);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result.complete(decisions.get(i));
        }
        // After the replies are on their way: the metrics never hold a reply back.
        observe(batch.size(), started - batch.getFirst().queuedAt, lastCommitNanos - started);
    }

    /** The observer is someone else's code (metrics): its failure must not fail a committed batch. */
    private void observe(int messages, long waitedNanos, long tookNanos) {
        try {
            observer.batchCommitted(subnet, messages, waitedNanos, tookNanos);
        } catch (RuntimeException e) {
            if (observerFailed.compareAndSet(false, true)) {
                LOG.warn("the batch observer of subnet {} failed (reported once; the batch stands): {}", subnet, e.toString());
            }
        }
    }

    private void failWaiting(Throwable reason) {
        Pending<M, D> pending;
        while ((pending = queue.poll()) != null) {
            waiting.decrementAndGet();
            pending.result.completeExceptionally(reason);
        }
    }

    private record Pending<M, D>(M message, CompletableFuture<D> result, long queuedAt, Executor readingThread) {}
}
