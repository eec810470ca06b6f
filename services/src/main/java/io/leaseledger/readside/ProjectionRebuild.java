package io.leaseledger.readside;

import io.leaseledger.projections.ProjectionRunner;
import io.leaseledger.projections.SourcePosition;
import io.leaseledger.projections.StoredEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds projections from scratch: empties their tables and positions, then replays the whole
 * event store into them and stores the position of the log's end.
 *
 * <p>One thread reads the event table and deserialises ({@link EventStoreSource#readAll}); one
 * thread per projection applies the batches and writes ({@link ProjectionRunner#rebuild()}: final
 * rows in large batches as they pile up, the current state once at the end, the secondary
 * indexes built at the end, the position committed last); each projection's queue holds at most
 * {@value #QUEUED_BATCHES} batches. The calling thread waits. If any of them fails, the others
 * stop at their next batch and the first failure is thrown.
 *
 * <p>What a crash or a failure leaves: until the very last transaction of a projection's rebuild,
 * the projection has no position, and a projection without a position is emptied (and its
 * indexes created) before anything is applied to it; a rebuild is simply started again, by the
 * command or by the live tail of the next {@code serve}.
 */
public final class ProjectionRebuild {
    /** Batches read ahead of the writer. */
    static final int QUEUED_BATCHES = 4;

    private ProjectionRebuild() {}

    /** What a rebuild did. */
    public record Result(List<String> projections, long events, Duration took) {
        public double eventsPerSecond() {
            return took.isZero() ? 0 : events * 1e9 / took.toNanos();
        }
    }

    /** A batch read, with the position after it; a batch without a position ends the log ({@code read} events). */
    private record Batch(List<StoredEvent> events, SourcePosition after, long read) {
    }

    public static Result rebuild(EventStoreSource source, List<ProjectionRunner> runners, int batchSize) {
        return rebuild(source, runners, batchSize, ProjectionRunner.Rebuild.WRITE_ROWS);
    }

    /** {@link #rebuild(EventStoreSource, List, int)}, final rows written whenever {@code finalRowsPerWrite} have piled up. */
    static Result rebuild(EventStoreSource source, List<ProjectionRunner> runners, int batchSize, int finalRowsPerWrite) {
        long start = System.nanoTime();
        List<ProjectionRunner.Rebuild> rebuilds = new ArrayList<>(runners.size());
        try {
            for (ProjectionRunner runner : runners) {
                rebuilds.add(runner.rebuild(finalRowsPerWrite));
            }
        } catch (RuntimeException e) {
            rebuilds.forEach(ProjectionRunner.Rebuild::abandon);
            throw e;
        }
        List<BlockingQueue<Batch>> queues = new ArrayList<>();
        for (int i = 0; i < rebuilds.size(); i++) {
            queues.add(new ArrayBlockingQueue<>(QUEUED_BATCHES));
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicLong events = new AtomicLong();
        // No thread here is ever interrupted (an interrupt in the middle of H2's file I/O closes
        // the database's file channel): on a failure they all stop at their next hand-over.
        Thread reader = Thread.ofPlatform().name("leaseledger-rebuild-reader").daemon().unstarted(() -> {
            try {
                long read = source.readAll(batchSize, (batch, after) -> {
                    for (BlockingQueue<Batch> queue : queues) {
                        put(queue, new Batch(batch, after, 0), stopped);
                    }
                });
                events.set(read);
                for (BlockingQueue<Batch> queue : queues) {
                    put(queue, new Batch(List.of(), null, read), stopped);
                }
            } catch (CancellationException stop) {
                // A writer failed: its failure is the one reported.
            } catch (Throwable e) {
                failure.compareAndSet(null, new IllegalStateException("reading the event store failed: " + e.getMessage(), e));
                stopped.set(true);
            }
        });
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < rebuilds.size(); i++) {
            ProjectionRunner.Rebuild rebuild = rebuilds.get(i);
            BlockingQueue<Batch> queue = queues.get(i);
            writers.add(Thread.ofPlatform().name("leaseledger-rebuild-" + runners.get(i).projection().name()).daemon()
                    .unstarted(() -> write(rebuild, queue, stopped, failure)));
        }
        reader.start();
        writers.forEach(Thread::start);
        try {
            for (Thread writer : writers) {
                writer.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new IllegalStateException("rebuild interrupted", e));
        } finally {
            stopped.set(true);
            try {
                reader.join(TimeUnit.SECONDS.toMillis(30));
                for (Thread writer : writers) {
                    writer.join(TimeUnit.SECONDS.toMillis(30));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable failed = failure.get();
        if (failed != null) {
            rebuilds.forEach(ProjectionRunner.Rebuild::abandon);
            switch (failed) {
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                default -> throw new IllegalStateException(failed);
            }
        }
        // An empty log: the projections stay empty and without a position, as after a reset.
        return new Result(runners.stream().map(r -> r.projection().name()).toList(), events.get(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** One projection's writer: applies the batches in order, then finishes with the last position. */
    private static void write(ProjectionRunner.Rebuild rebuild, BlockingQueue<Batch> queue, AtomicBoolean stopped,
                              AtomicReference<Throwable> failure) {
        try {
            SourcePosition last = null;
            while (true) {
                Batch batch = queue.poll(100, TimeUnit.MILLISECONDS);
                if (batch == null) {
                    if (stopped.get()) {
                        return;   // another thread failed
                    }
                    continue;
                }
                if (batch.after() == null) {
                    if (last != null) {
                        rebuild.finish(last);
                    }
                    return;
                }
                rebuild.apply(batch.events());
                last = batch.after();
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
            stopped.set(true);
        }
    }

    private static void put(BlockingQueue<Batch> queue, Batch batch, AtomicBoolean stopped) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                if (stopped.get()) {
                    throw new CancellationException("the rebuild's writer has stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("rebuild reader interrupted");
        }
    }

}
