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
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rebuilds projections from scratch: empties their tables and positions, then replays the whole
 * event store into them and stores the position of the log's end.
 *
 * <p>Two threads: one reads the event table and deserialises ({@link EventStoreSource#readAll}),
 * the calling thread applies the batches to every projection and writes
 * ({@link ProjectionRunner#rebuild()}: final rows in large batches as they pile up, the current
 * state once at the end, the secondary indexes built at the end, the position committed last).
 * A bounded queue between them holds at most {@value #QUEUED_BATCHES} batches.
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

    /** A batch read, with the position after it; {@code END} marks the end of the log. */
    private record Batch(List<StoredEvent> events, SourcePosition after, long read) {
    }

    private static final Batch END = new Batch(List.of(), null, -1);

    public static Result rebuild(EventStoreSource source, List<ProjectionRunner> runners, int batchSize) {
        return rebuild(source, runners, batchSize, ProjectionRunner.Rebuild.WRITE_ROWS);
    }

    /** {@link #rebuild(EventStoreSource, List, int)}, final rows written whenever {@code finalRowsPerWrite} have piled up. */
    static Result rebuild(EventStoreSource source, List<ProjectionRunner> runners, int batchSize, int finalRowsPerWrite) {
        long start = System.nanoTime();
        List<ProjectionRunner.Rebuild> rebuilds = new ArrayList<>(runners.size());
        for (ProjectionRunner runner : runners) {
            rebuilds.add(runner.rebuild(finalRowsPerWrite));
        }
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
        AtomicReference<Throwable> readFailure = new AtomicReference<>();
        AtomicBoolean stopped = new AtomicBoolean();
        // Not interrupted to stop it (an interrupt in the middle of H2's file I/O closes the
        // database's file channel): it stops at its next hand-over once the writer has gone.
        Thread reader = Thread.ofPlatform().name("leaseledger-rebuild-reader").daemon().unstarted(() -> {
            try {
                long read = source.readAll(batchSize, (batch, after) -> put(queue, new Batch(batch, after, 0), stopped));
                put(queue, new Batch(List.of(), null, read), stopped);
            } catch (Throwable e) {
                readFailure.set(e);
                try {
                    put(queue, END, stopped);
                } catch (CancellationException gone) {
                    // The writer has stopped already.
                }
            }
        });
        reader.start();
        try {
            SourcePosition last = null;
            long events;
            while (true) {
                Batch batch = take(queue);
                if (batch == END) {
                    throw new IllegalStateException("reading the event store failed: " + readFailure.get().getMessage(),
                            readFailure.get());
                }
                if (batch.after() == null) {
                    events = batch.read();
                    break;
                }
                for (ProjectionRunner.Rebuild rebuild : rebuilds) {
                    rebuild.apply(batch.events());
                }
                last = batch.after();
            }
            if (last != null) {
                for (ProjectionRunner.Rebuild rebuild : rebuilds) {
                    rebuild.finish(last);
                }
            }
            // An empty log: the projections stay empty and without a position, as after a reset.
            return new Result(runners.stream().map(r -> r.projection().name()).toList(), events,
                    Duration.ofNanos(System.nanoTime() - start));
        } finally {
            stopped.set(true);
            try {
                reader.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    private static Batch take(BlockingQueue<Batch> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("rebuild interrupted", e);
        }
    }
}
