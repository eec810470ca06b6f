package io.leaseledger.projections;

import io.leaseledger.projections.tables.tables.records.ProjectionPositionRecord;
import io.leaseledger.projections.tables.tables.records.ProjectionSubnetPositionRecord;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.leaseledger.projections.tables.Tables.PROJECTION_POSITION;
import static io.leaseledger.projections.tables.Tables.PROJECTION_SUBNET_POSITION;

/**
 * Applies batches of events to one projection, whatever their source. One batch is one
 * transaction: the projection's rows, the last sequence number applied per subnet, and the
 * source position after the batch are committed together, so a crash leaves the projection
 * exactly at a position it stored, never between.
 *
 * <p>An event whose sequence number is not above the last one applied for its subnet is passed
 * over: a source that delivers an event twice (Kafka is at least once) cannot apply it twice.
 * Not thread-safe: one runner per projection, fed by one thread.
 */
public final class ProjectionRunner {
    private final Projection projection;
    private final DSLContext db;
    private final Clock clock;
    /** Last sequence applied per subnet; null until loaded (and after a failed batch). */
    private Map<String, Long> lastSequence;

    public ProjectionRunner(Projection projection, DSLContext db, Clock clock) {
        this.projection = projection;
        this.db = db;
        this.clock = clock;
    }

    public Projection projection() {
        return projection;
    }

    /** Where the projection is; empty when it has applied nothing (or was just reset). */
    public Optional<SourcePosition> position() {
        return db.selectFrom(PROJECTION_POSITION).where(PROJECTION_POSITION.PROJECTION.eq(projection.name()))
                .fetchOptional()
                .map(r -> new SourcePosition(r.getSource(), r.getToken()));
    }

    /** Events applied since the last reset. */
    public long eventsApplied() {
        return db.select(PROJECTION_POSITION.EVENTS).from(PROJECTION_POSITION)
                .where(PROJECTION_POSITION.PROJECTION.eq(projection.name()))
                .fetchOptional(PROJECTION_POSITION.EVENTS).orElse(0L);
    }

    /**
     * Applies {@code events} in order and stores {@code after} as the position, in one
     * transaction. Returns how many events were applied: duplicates are passed over and not
     * counted (the position still moves past them).
     */
    public int apply(List<StoredEvent> events, SourcePosition after) {
        try {
            return db.transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                Map<String, Long> last = lastSequence(tx);
                Map<String, Long> changed = new HashMap<>();
                projection.begin(tx);
                int applied = 0;
                for (StoredEvent event : events) {
                    long seen = last.getOrDefault(event.subnet(), -1L);
                    if (event.sequenceNumber() <= seen) {
                        continue;
                    }
                    projection.apply(event);
                    last.put(event.subnet(), event.sequenceNumber());
                    changed.put(event.subnet(), event.sequenceNumber());
                    applied++;
                }
                projection.flush(tx);
                storeSequences(tx, changed);
                storePosition(tx, after, applied);
                return applied;
            });
        } catch (RuntimeException e) {
            // The transaction rolled back: what the projection and this runner hold in memory is ahead of the tables.
            projection.forget();
            lastSequence = null;
            throw e;
        }
    }

    /**
     * Empties the projection's tables and forgets its position. The position goes first, in its
     * own transaction: {@code TRUNCATE} (fast on any size, unlike {@code DELETE}) commits on H2,
     * and a projection without a position is one whose tables are emptied again before it is fed
     * (see {@link #resetIfUnpositioned()}), so a crash in between leaves nothing inconsistent.
     */
    public void reset() {
        try {
            db.transaction(cfg -> {
                DSLContext tx = DSL.using(cfg);
                tx.deleteFrom(PROJECTION_POSITION).where(PROJECTION_POSITION.PROJECTION.eq(projection.name())).execute();
                tx.deleteFrom(PROJECTION_SUBNET_POSITION).where(PROJECTION_SUBNET_POSITION.PROJECTION.eq(projection.name())).execute();
            });
            for (Table<?> table : projection.tables()) {
                db.truncate(table).execute();
            }
        } finally {
            projection.forget();
            lastSequence = null;
        }
    }

    /**
     * Resets the projection if it has no position (never fed, or a reset was interrupted):
     * what it applies next starts from empty tables. Returns true when it did.
     */
    public boolean resetIfUnpositioned() {
        if (position().isPresent()) {
            return false;
        }
        reset();
        return true;
    }

    private Map<String, Long> lastSequence(DSLContext tx) {
        if (lastSequence == null) {
            lastSequence = new HashMap<>(tx.select(PROJECTION_SUBNET_POSITION.SUBNET, PROJECTION_SUBNET_POSITION.LAST_SEQUENCE)
                    .from(PROJECTION_SUBNET_POSITION)
                    .where(PROJECTION_SUBNET_POSITION.PROJECTION.eq(projection.name()))
                    .fetchMap(PROJECTION_SUBNET_POSITION.SUBNET, PROJECTION_SUBNET_POSITION.LAST_SEQUENCE));
        }
        return lastSequence;
    }

    private void storeSequences(DSLContext tx, Map<String, Long> changed) {
        List<ProjectionSubnetPositionRecord> rows = new ArrayList<>(changed.size());
        changed.forEach((subnet, seq) -> rows.add(new ProjectionSubnetPositionRecord(projection.name(), subnet, seq)));
        Rows.merge(tx, rows);
    }

    private void storePosition(DSLContext tx, SourcePosition after, int applied) {
        long before = tx.select(PROJECTION_POSITION.EVENTS).from(PROJECTION_POSITION)
                .where(PROJECTION_POSITION.PROJECTION.eq(projection.name()))
                .fetchOptional(PROJECTION_POSITION.EVENTS).orElse(0L);
        Rows.merge(tx, List.of(new ProjectionPositionRecord(projection.name(), after.source(), after.token(),
                before + applied, Times.sql(clock.instant()))));
    }
}
