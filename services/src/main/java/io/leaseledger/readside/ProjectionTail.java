package io.leaseledger.readside;

import io.leaseledger.projections.ProjectionRunner;
import io.leaseledger.projections.SourcePosition;
import io.leaseledger.projections.StoredEvent;
import io.leaseledger.store.CommitSignal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The live runner: one thread that follows the event store and feeds every projection, in
 * batches of at most {@code batchSize} events, one transaction per projection and batch. It
 * reads what is new, then waits for the store's next commit ({@link CommitSignal}), the poll
 * interval or {@link #wakeUp()}, whichever comes first — but at least {@link #MIN_PAUSE}, so that
 * a busy store (hundreds of commits a second) is followed in batches rather than commit by
 * commit. A lease is in the read models about {@code MIN_PAUSE} after its commit, not a poll
 * interval later.
 *
 * <p>All projections read from the least advanced position; a projection that is further on
 * passes over what it has (by each subnet's sequence number). A failed batch (database gone)
 * is retried after a pause that grows to 30 s; the DHCP path never waits for the read side.
 */
public final class ProjectionTail implements AutoCloseable, ReadSideHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionTail.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** The least time between two catch-ups when commits keep coming. */
    static final Duration MIN_PAUSE = Duration.ofMillis(20);

    private final EventStoreSource source;
    private final List<ProjectionRunner> runners;
    private final int batchSize;
    private final Duration pollInterval;
    /** The store's commits, when the tail follows a store in this process; null: poll only. */
    private final CommitSignal commits;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final AtomicLong applied = new AtomicLong();
    private volatile boolean woken;
    private volatile boolean running;
    private final FailureStanding standing = new FailureStanding();
    private volatile boolean positionsChecked;
    private Thread thread;

    public ProjectionTail(EventStoreSource source, List<ProjectionRunner> runners, int batchSize, Duration pollInterval) {
        this(source, runners, batchSize, pollInterval, null);
    }

    /** @param commits the store's commit signal: the tail looks when it fires (null: every poll interval only) */
    public ProjectionTail(EventStoreSource source, List<ProjectionRunner> runners, int batchSize, Duration pollInterval,
                          CommitSignal commits) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.source = source;
        this.runners = List.copyOf(runners);
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.commits = commits;
    }

    /** Starts following the store on a daemon thread. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "leaseledger-projections");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Reads everything committed so far and applies it, on the calling thread; returns the
     * events read. For tests and for callers that need the projections current now (do not
     * mix with a started tail).
     */
    public long catchUp() {
        if (!positionsChecked) {
            // A projection without a position starts from empty tables (first start, interrupted reset).
            runners.forEach(ProjectionRunner::resetIfUnpositioned);
            positionsChecked = true;
        }
        Optional<SourcePosition> from;
        try {
            from = leastAdvanced();
        } catch (RuntimeException e) {
            positionsChecked = false;
            throw e;
        }
        return source.readAfter(from, batchSize, this::applyToAll);
    }

    private void applyToAll(List<StoredEvent> batch, SourcePosition after) {
        for (ProjectionRunner runner : runners) {
            applied.addAndGet(runner.apply(batch, after));
        }
    }

    /** The position to read from: none if any projection has none, else the lowest. */
    private Optional<SourcePosition> leastAdvanced() {
        org.axonframework.eventhandling.TrackingToken least = null;
        for (ProjectionRunner runner : runners) {
            Optional<SourcePosition> p = runner.position();
            if (p.isEmpty() || !p.get().source().equals(EventStoreSource.NAME)) {
                return Optional.empty();
            }
            var token = TrackingTokens.decode(p.get().token());
            least = least == null ? token : least.lowerBound(token);
        }
        return least == null ? Optional.empty()
                : Optional.of(new SourcePosition(EventStoreSource.NAME, TrackingTokens.encode(least)));
    }

    private void run() {
        Duration backoff = pollInterval;
        while (running) {
            try {
                long seenCommits = commits == null ? 0 : commits.commits();
                catchUp();
                standing.succeeded();
                backoff = pollInterval;
                awaitNews(seenCommits);
            } catch (RuntimeException e) {
                standing.failed(e);
                positionsChecked = false;
                LOG.warn("projections: batch failed, retrying in {} ms: {}", backoff.toMillis(), e.toString());
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** Waits for a commit after {@code seenCommits}, the poll interval or a wake-up; at least {@link #MIN_PAUSE}. */
    private void awaitNews(long seenCommits) {
        if (commits == null || MIN_PAUSE.compareTo(pollInterval) >= 0) {
            sleep(pollInterval);
            return;
        }
        sleep(MIN_PAUSE);
        if (!running) {
            return;
        }
        try {
            commits.awaitAfter(seenCommits, commits.wakeUps(), pollInterval.minus(MIN_PAUSE).toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    private void sleep(Duration d) {
        lock.lock();
        try {
            long nanos = d.toNanos();
            while (running && !woken && nanos > 0) {
                nanos = wake.awaitNanos(nanos);
            }
            woken = false;
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** New events were committed: look now rather than at the end of the poll interval. */
    public void wakeUp() {
        lock.lock();
        try {
            woken = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Events applied by all projections together since start. */
    public long eventsApplied() {
        return applied.get();
    }

    /** Failing from the first failed batch (reading the store or writing a projection) until one succeeds. */
    @Override
    public Optional<Failing> failing() {
        return standing.failing();
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        wakeUp();
        if (commits != null) {
            commits.wakeUp();
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
