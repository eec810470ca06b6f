package io.leaseledger.projections;

import io.leaseledger.projections.tables.tables.records.ProjectionPositionRecord;
import io.leaseledger.projections.tables.tables.records.ProjectionSubnetPositionRecord;
import org.jooq.DSLContext;
import org.jooq.Index;
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
    /** Taken around a rebuild's index builds (rebuilds of several projections run in parallel). */
    private static final Object INDEX_BUILDS = new Object();
    private final Projection projection;
    private final DSLContext db;
    private final Clock clock;
    /** Last sequence applied per subnet; null until loaded (and after a failed batch). */
    private Map<String, Long> lastSequence;
    /** The event count this runner last stored, or {@link #UNKNOWN}: what it expects to find in the tables. */
    private long eventsStored = UNKNOWN;
    private static final long UNKNOWN = -1;

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
            Batch batch = db.transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                long stored = storedEvents(tx);
                if (stored != eventsStored) {
                    // The tables are not where this runner left them: its first batch, or they went back
                    // (an H2 database opened again at an earlier commit after it failed, whoever's call
                    // met the failure; a restore). What the memory holds is not theirs.
                    forget();
                }
                Map<String, Long> last = lastSequence(tx);
                Map<String, Long> before = new HashMap<>(last);
                projection.begin(tx);
                int applied = applyNewer(events, last);
                Map<String, Long> changed = new HashMap<>();
                last.forEach((subnet, sequence) -> {
                    if (!sequence.equals(before.get(subnet))) {
                        changed.put(subnet, sequence);
                    }
                });
                projection.flush(tx);
                storeSequences(tx, changed);
                storePosition(tx, after, stored + applied);
                return new Batch(applied, stored + applied);
            });
            eventsStored = batch.storedAfter();
            return batch.applied();
        } catch (RuntimeException e) {
            // The transaction rolled back: what the projection and this runner hold in memory is ahead of the tables.
            forget();
            throw e;
        }
    }

    /** What a committed batch applied, and the event count it stored. */
    private record Batch(int applied, long storedAfter) {}

    /**
     * Drops what the projection and this runner hold in memory; the next batch loads it from the
     * tables again (docs/projections.md, "When the database fails").
     */
    private void forget() {
        projection.forget();
        lastSequence = null;
        eventsStored = UNKNOWN;
    }

    /**
     * Applies, in order, the events newer than {@code last} says for their subnet (a duplicate
     * or a replay is passed over) and moves {@code last} on; returns how many were applied.
     */
    private int applyNewer(List<StoredEvent> events, Map<String, Long> last) {
        int applied = 0;
        // The subnet of the previous event and its last sequence, kept here between events: a
        // batch is mostly runs of one subnet's events, and the map is written when the run ends
        // rather than at every event (3-4 % of a rebuild writer's time).
        String subnet = null;
        long sequence = -1;
        for (StoredEvent event : events) {
            if (!event.subnet().equals(subnet)) {
                remember(last, subnet, sequence);
                subnet = event.subnet();
                sequence = last.getOrDefault(subnet, -1L);
            }
            if (event.sequenceNumber() <= sequence) {
                continue;
            }
            projection.apply(event);
            sequence = event.sequenceNumber();
            applied++;
        }
        remember(last, subnet, sequence);
        return applied;
    }

    /** The last sequence applied of {@code subnet}, if there is a subnet and it has one. */
    private static void remember(Map<String, Long> last, String subnet, long sequence) {
        if (subnet != null && sequence >= 0) {
            last.put(subnet, sequence);
        }
    }

    /**
     * Empties the projection's tables and forgets its position. The position goes first, in its
     * own transaction: {@code TRUNCATE} (fast on any size, unlike {@code DELETE}) commits on H2,
     * and a projection without a position is one whose tables are emptied again before it is fed
     * (see {@link #resetIfUnpositioned()}), so a crash in between leaves nothing inconsistent.
     * The secondary indexes a rebuild interrupted by a crash had dropped are created again.
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
            createIndexes();
        } finally {
            forget();
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

    /**
     * Starts a rebuild: {@link #reset()}, then drops the secondary indexes of the projection's
     * tables (they are built once at the end, from the full tables, rather than updated row by
     * row). Feed the whole log with {@link Rebuild#apply} in order, then {@link Rebuild#finish}.
     *
     * <p>Rows that no later event changes (the log, closed intervals, past minutes) are written
     * as they pile up, in large JDBC batches and transactions of their own, without a position;
     * the current state (current leases, open intervals) is kept in memory and written once at
     * the end. {@code finish} then creates the indexes and, last, in one transaction, stores the
     * position and the sequence numbers per subnet. Until that commit the projection has no
     * position, so a crash or failure anywhere in a rebuild leaves a projection that is emptied
     * again (and its indexes created) before anything is applied to it: the rebuild simply
     * starts over ({@link #resetIfUnpositioned()}; the live tail calls it).
     */
    public Rebuild rebuild() {
        return rebuild(Rebuild.WRITE_ROWS);
    }

    /** {@link #rebuild()}, writing final rows whenever {@code finalRowsPerWrite} have piled up. */
    public Rebuild rebuild(int finalRowsPerWrite) {
        if (finalRowsPerWrite < 1) {
            throw new IllegalArgumentException("finalRowsPerWrite must be positive, got " + finalRowsPerWrite);
        }
        reset();
        try {
            dropIndexes();
            db.transaction(cfg -> projection.begin(DSL.using(cfg)));
            return new Rebuild(finalRowsPerWrite);
        } catch (RuntimeException e) {
            projection.forget();
            throw e;
        }
    }

    /** One rebuild in progress ({@link #rebuild()}); fed by one thread (rebuilds of other projections may run beside it). */
    public final class Rebuild {
        /**
         * Final rows buffered before they are written in a transaction of their own. Smaller than
         * it was (20,000): H2 keeps an undo-log entry per row and index until the commit and walks
         * it again to commit, and another writer's {@code CREATE INDEX} counts the table's rows
         * through every open transaction's undo log; 4,000 cost about 10 % less CPU in all.
         */
        public static final int WRITE_ROWS = 4_000;
        private final int writeRows;
        private final Map<String, Long> last = new HashMap<>();
        private long applied;
        private boolean failed;

        private Rebuild(int writeRows) {
            this.writeRows = writeRows;
        }

        /** Applies the next events of the log, in order; writes the rows that are final when enough have piled up. */
        public void apply(List<StoredEvent> events) {
            check();
            try {
                applied += applyNewer(events, last);
                if (projection.finalRowsPending() >= writeRows) {
                    db.transaction(cfg -> projection.flushFinal(DSL.using(cfg)));
                }
            } catch (RuntimeException e) {
                fail();
                throw e;
            }
        }

        /**
         * Writes the rest (the current state), creates the indexes, then stores {@code after}
         * as the position, with the sequence numbers per subnet. Returns the events applied.
         */
        public long finish(SourcePosition after) {
            check();
            try {
                db.transaction(cfg -> projection.flush(DSL.using(cfg)));
                // One index build at a time: H2 holds its schema lock for the whole of a CREATE
                // INDEX, and a second one on another connection times out waiting for it.
                synchronized (INDEX_BUILDS) {
                    createIndexes();
                }
                db.transaction(cfg -> {
                    DSLContext tx = DSL.using(cfg);
                    storeSequences(tx, last);
                    storePosition(tx, after, applied);
                });
                failed = true;   // done: nothing more to apply
                lastSequence = null;
                return applied;
            } catch (RuntimeException e) {
                fail();
                throw e;
            }
        }

        /** Gives the rebuild up (another projection's rebuild failed): the projection forgets what it holds. */
        public void abandon() {
            if (!failed) {
                fail();
            }
        }

        private void check() {
            if (failed) {
                throw new IllegalStateException("this rebuild of " + projection.name() + " has finished or failed");
            }
        }

        private void fail() {
            failed = true;
            projection.forget();
            lastSequence = null;
        }
    }

    /** The secondary (non-key) indexes of the projection's tables, as the schema defines them. */
    private List<Index> indexes() {
        List<Index> indexes = new ArrayList<>();
        for (Table<?> table : projection.tables()) {
            indexes.addAll(table.getIndexes());
        }
        return indexes;
    }

    private void dropIndexes() {
        for (Index index : indexes()) {
            db.dropIndexIfExists(index.getUnqualifiedName()).execute();
        }
    }

    /** Creates the secondary indexes that are missing (none, unless a rebuild dropped them). */
    private void createIndexes() {
        for (Index index : indexes()) {
            db.createIndexIfNotExists(index.getUnqualifiedName()).on(index.getTable(), index.getFields()).execute();
        }
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

    /** The events applied since the last reset, as the tables say (0 without a position). */
    private long storedEvents(DSLContext tx) {
        return tx.select(PROJECTION_POSITION.EVENTS).from(PROJECTION_POSITION)
                .where(PROJECTION_POSITION.PROJECTION.eq(projection.name()))
                .fetchOptional(PROJECTION_POSITION.EVENTS).orElse(0L);
    }

    private void storePosition(DSLContext tx, SourcePosition after, long events) {
        Rows.merge(tx, List.of(new ProjectionPositionRecord(projection.name(), after.source(), after.token(),
                events, Times.sql(clock.instant()))));
    }
}
