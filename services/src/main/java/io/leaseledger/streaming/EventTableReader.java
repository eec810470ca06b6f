package io.leaseledger.streaming;

import io.leaseledger.store.DurableReads;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * Reads the committed events after a tracking token straight from Axon's event table, a batch
 * per query, for the publisher. The token is Axon's {@link GapAwareTrackingToken} (the same one
 * the store's tailing stream keeps, and the one {@link PublisherPosition} stores): the highest
 * global index read plus the <em>gaps</em> below it — indexes that were not visible when they
 * were passed over, because the transaction that took them had not committed yet. Each read
 * looks for the gaps again, so an event that commits late is read late, never skipped.
 *
 * <p>A gap that stays empty for {@link #GAP_TIMEOUT} (a rolled-back transaction, identity
 * values a crash skipped) is given up, as Axon's own tailing gives gaps up after its gap timeout.
 * Nothing else is ever skipped. A batch is returned only once the store says it is durable
 * ({@link DurableReads}): Kafka never carries an event the store could still lose.
 *
 * <p>Per subnet, the order is the store's: a subnet's commands commit one after the other (its
 * mailbox, Axon's aggregate lock), so an event committed late at a lower index never belongs to a
 * subnet that has a later event already read. Within a read that holds because the rows above the
 * index are queried <em>before</em> the gaps: each query sees what had committed when it started,
 * so a subnet's event found by the first query had its earlier events committed before it, and the
 * gap query after it finds them. The other way round, a subnet's late transaction and its next one
 * committing between the two queries (a loaded rack did it) returned the next one in this batch
 * and the late one in the next batch: out of order on the stream.
 *
 * <p>Not thread-safe: one reader per publisher thread.
 */
final class EventTableReader {
    private static final Logger LOG = LoggerFactory.getLogger(EventTableReader.class);
    /** How long an empty gap is looked for before it is given up (Axon's default gap timeout). */
    static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);
    /** At most this many gaps are kept; beyond it the lowest are given up (logged). */
    static final int MAX_GAPS = 10_000;
    private static final int GAPS_PER_QUERY = 500;
    /** The first global index a store hands out (Axon's default lowest global sequence). */
    static final long LOWEST_INDEX = 1;
    private static final String COLUMNS = "globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, "
            + "payloadType, payloadRevision, timeStamp, payload, metaData";

    private final DataSource dataSource;
    private final DurableReads durableReads;
    private final int batchSize;
    private final long gapTimeoutNanos;
    private final LongSupplier nanoTime;
    /** When each gap was first passed over (nanoTime). */
    private final Map<Long, Long> gapSeen = new HashMap<>();

    /** @param durableReads the store's ({@link io.leaseledger.store.AxonStore#durableReads()}): a batch is returned once it is durable */
    EventTableReader(DataSource dataSource, DurableReads durableReads, int batchSize) {
        this(dataSource, durableReads, batchSize, GAP_TIMEOUT, System::nanoTime);
    }

    EventTableReader(DataSource dataSource, DurableReads durableReads, int batchSize, Duration gapTimeout,
                     LongSupplier nanoTime) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        this.dataSource = dataSource;
        this.durableReads = durableReads;
        this.batchSize = batchSize;
        this.gapTimeoutNanos = gapTimeout.toNanos();
        this.nanoTime = nanoTime;
    }

    /** One stored event, as the event table keeps it. */
    record Row(long globalIndex, String eventId, String aggregateId, long sequence, String payloadType,
               String payloadRevision, String timestamp, byte[] payload, byte[] metaData) {

        /** A row with empty metadata (an event decided here). */
        Row(long globalIndex, String eventId, String aggregateId, long sequence, String payloadType,
            String payloadRevision, String timestamp, byte[] payload) {
            this(globalIndex, eventId, aggregateId, sequence, payloadType, payloadRevision, timestamp, payload, null);
        }
    }

    /**
     * What one read found: the events (in global-index order: the gaps that filled first, then the
     * new ones) and the token after them ({@code token} may move with no event: a gap given up).
     */
    record Batch(List<Row> rows, GapAwareTrackingToken token) {
        boolean isEmpty() {
            return rows.isEmpty();
        }
    }

    /**
     * The committed events after {@code after} ({@code null}: from the first): those in its
     * gaps, then at most {@code batchSize} above its index (queried first: the class comment).
     */
    Batch read(GapAwareTrackingToken after) {
        long index = after == null ? -1 : after.getIndex();
        TreeSet<Long> gaps = after == null ? new TreeSet<>() : new TreeSet<>(after.getGaps());
        List<Row> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            // The new rows before the gaps: see the class comment, "Per subnet".
            List<Row> fresh = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM domainevententry WHERE globalIndex > ? ORDER BY globalIndex FETCH FIRST ? ROWS ONLY")) {
                s.setLong(1, index);
                s.setInt(2, batchSize);
                s.setFetchSize(batchSize);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        fresh.add(row(r));
                    }
                }
            }
            if (!gaps.isEmpty()) {
                readGaps(c, gaps, rows);
            }
            int filled = rows.size();
            rows.addAll(fresh);
            commitIfNeeded(c);
            durableReads.awaitDurable(c);
            long now = nanoTime.getAsLong();
            for (int i = 0; i < filled; i++) {
                long g = rows.get(i).globalIndex();
                gaps.remove(g);
                gapSeen.remove(g);
            }
            for (int i = filled; i < rows.size(); i++) {
                long g = rows.get(i).globalIndex();
                // From the start, indexes below the first (1, as Axon's lowest global sequence) are no gaps.
                for (long missing = Math.max(index + 1, LOWEST_INDEX); missing < g; missing++) {
                    gaps.add(missing);
                }
                index = g;
            }
            giveUpOldGaps(gaps, now);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event table: " + e.getMessage(), e);
        }
        GapAwareTrackingToken token = index < 0 && gaps.isEmpty() && after == null
                ? null : GapAwareTrackingToken.newInstance(index, gaps);
        return new Batch(rows, token);
    }

    /** The most events above the token's index one read returns. */
    int batchSize() {
        return batchSize;
    }

    /** Gaps currently being waited for (tests, status). */
    int gapsWatched() {
        return gapSeen.size();
    }

    private void readGaps(Connection c, TreeSet<Long> gaps, List<Row> rows) throws SQLException {
        Iterator<Long> it = gaps.iterator();
        List<Long> chunk = new ArrayList<>(Math.min(GAPS_PER_QUERY, gaps.size()));
        while (it.hasNext()) {
            chunk.add(it.next());
            if (chunk.size() == GAPS_PER_QUERY || !it.hasNext()) {
                queryIn(c, chunk, rows);
                chunk.clear();
            }
        }
        rows.sort(java.util.Comparator.comparingLong(Row::globalIndex));
    }

    private static void queryIn(Connection c, Collection<Long> indexes, List<Row> rows) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS)
                .append(" FROM domainevententry WHERE globalIndex IN (");
        for (int i = 0; i < indexes.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(") ORDER BY globalIndex");
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (long g : indexes) {
                s.setLong(i++, g);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r));
                }
            }
        }
    }

    private void giveUpOldGaps(TreeSet<Long> gaps, long now) {
        gapSeen.keySet().retainAll(gaps);
        List<Long> expired = new ArrayList<>();
        for (long g : gaps) {
            Long seen = gapSeen.putIfAbsent(g, now);
            if (seen != null && now - seen >= gapTimeoutNanos) {
                expired.add(g);
            }
        }
        if (!expired.isEmpty()) {
            LOG.info("global indexes {} still empty after {}: given up (rolled back, or skipped by the database)",
                    summary(expired), Duration.ofNanos(gapTimeoutNanos));
            expired.forEach(g -> {
                gaps.remove(g);
                gapSeen.remove(g);
            });
        }
        if (gaps.size() > MAX_GAPS) {
            List<Long> dropped = new ArrayList<>();
            while (gaps.size() > MAX_GAPS) {
                long g = gaps.pollFirst();
                gapSeen.remove(g);
                dropped.add(g);
            }
            LOG.warn("more than {} empty global indexes waited for: the lowest given up early: {}", MAX_GAPS,
                    summary(dropped));
        }
    }

    private static String summary(List<Long> indexes) {
        return indexes.size() <= 10 ? indexes.toString()
                : indexes.size() + " from " + indexes.getFirst() + " to " + indexes.getLast();
    }

    private static Row row(ResultSet r) throws SQLException {
        return new Row(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), r.getString(5), r.getString(6),
                r.getString(7), r.getBytes(8), r.getBytes(9));
    }

    private static void commitIfNeeded(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }
}
