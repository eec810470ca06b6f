package io.leaseledger.store;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Runs snapshot work when the packet path is quiet. Axon's snapshotter rebuilds an aggregate by
 * re-reading every event since the last snapshot: about as much CPU as deciding those events took
 * in the first place. Under a PXE storm that CPU is better spent answering clients, so a snapshot
 * task waits until no command has run for {@code quiet}, the way Kea runs its lease-file cleanup
 * in the background. It never waits longer than {@code maxDelay}: under endless load snapshots
 * still happen, and a restart never replays more than that much extra log.
 */
final class QuietTimeExecutor implements Executor {

    static final Duration DEFAULT_QUIET = Duration.ofSeconds(1);
    static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(10);

    private final Executor delegate;
    private final CommandActivity activity;
    private final long quietNanos;
    private final long maxDelayNanos;
    private final LongSupplier nanoTime;
    private volatile boolean closed;

    QuietTimeExecutor(Executor delegate, CommandActivity activity, Duration quiet, Duration maxDelay, LongSupplier nanoTime) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.activity = Objects.requireNonNull(activity, "activity");
        this.quietNanos = quiet.toNanos();
        this.maxDelayNanos = maxDelay.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public void execute(Runnable task) {
        long queuedAt = nanoTime.getAsLong();
        delegate.execute(() -> {
            while (!closed && !mayRun(queuedAt)) {
                LockSupport.parkNanos(Math.max(1_000_000L, quietNanos / 4));
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
            if (!closed) {
                task.run();
            }
        });
    }

    /**
     * Snapshot tasks not yet started never start: a store that is closing has no use for them
     * (a snapshot only shortens the next start's replay), and each would replay the log since
     * the last snapshot first, holding up the stop for seconds.
     */
    void close() {
        closed = true;
    }

    /** Whether a task queued at {@code queuedAt} may run now. */
    boolean mayRun(long queuedAt) {
        long now = nanoTime.getAsLong();
        return now - activity.lastCommandNanos() >= quietNanos || now - queuedAt >= maxDelayNanos;
    }
}
