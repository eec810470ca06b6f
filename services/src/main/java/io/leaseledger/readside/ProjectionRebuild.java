package io.leaseledger.readside;

import io.leaseledger.projections.ProjectionRunner;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds projections from scratch: empties their tables and positions, then replays the whole
 * event store into them, in batches, one transaction per projection and batch.
 */
public final class ProjectionRebuild {
    private ProjectionRebuild() {}

    /** What a rebuild did. */
    public record Result(List<String> projections, long events, Duration took) {
        public double eventsPerSecond() {
            return took.isZero() ? 0 : events * 1e9 / took.toNanos();
        }
    }

    public static Result rebuild(EventStoreSource source, List<ProjectionRunner> runners, int batchSize) {
        long start = System.nanoTime();
        runners.forEach(ProjectionRunner::reset);
        long events = source.readAfter(Optional.empty(), batchSize, (batch, after) -> {
            for (ProjectionRunner runner : runners) {
                runner.apply(batch, after);
            }
        });
        return new Result(runners.stream().map(r -> r.projection().name()).toList(), events,
                Duration.ofNanos(System.nanoTime() - start));
    }
}
