package io.leaseledger.store;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells readers of the store that a transaction of this process has committed, so a tailing
 * reader (the Kafka publisher) reads as soon as there is something to read instead of polling.
 * Commits made elsewhere (another process on the same database) are not signalled: readers keep
 * a polling fallback.
 *
 * <p>The commit path pays an atomic increment, plus a lock and a signal only while a reader
 * waits.
 */
public final class CommitSignal {
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong wakeUps = new AtomicLong();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition committed = lock.newCondition();

    /** Transactions committed so far: pass it to {@link #awaitAfter} to wait for the next one. */
    public long commits() {
        return commits.get();
    }

    /** Called after a transaction committed. */
    public void committed() {
        commits.incrementAndGet();
        if (waiting.get() > 0) {
            lock.lock();
            try {
                committed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Calls of {@link #wakeUp} so far: pass it to {@link #awaitAfter}. */
    public long wakeUps() {
        return wakeUps.get();
    }

    /** Ends every wait now, without a commit (a reader that is closing). */
    public void wakeUp() {
        wakeUps.incrementAndGet();
        lock.lock();
        try {
            committed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until more than {@code seen} transactions have committed, {@code timeout} passed, or
     * {@link #wakeUp} was called after {@link #wakeUps} returned {@code seenWakeUps}.
     *
     * @return true if a commit came after {@code seen}
     */
    public boolean awaitAfter(long seen, long seenWakeUps, long timeout, TimeUnit unit) throws InterruptedException {
        if (commits.get() != seen) {
            return true;
        }
        long nanos = unit.toNanos(timeout);
        waiting.incrementAndGet();
        lock.lock();
        try {
            while (commits.get() == seen) {
                if (nanos <= 0 || wakeUps.get() != seenWakeUps) {
                    return false;
                }
                nanos = committed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
            waiting.decrementAndGet();
        }
    }
}
