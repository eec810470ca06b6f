package io.leaseledger.streaming;

import org.axonframework.eventhandling.GapAwareTrackingToken;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How far the publisher got: the tracking token of the last event the broker acknowledged (and of
 * every event before it), kept in the event store's own database, table
 * {@code leaseledger_stream_position}. A token is the last global index plus the gaps below it
 * (indexes of transactions not yet committed when it was read: they are read again later).
 */
public final class PublisherPosition {
    static final String TABLE = "leaseledger_stream_position";

    private final DataSource dataSource;
    private final String publisher;

    /** Creates the table when it is missing. */
    public PublisherPosition(DataSource dataSource, String publisher) {
        this.dataSource = dataSource;
        this.publisher = publisher;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (publisher VARCHAR(200) NOT NULL PRIMARY KEY, "
                    + "token_index BIGINT NOT NULL, token_gaps VARCHAR(1000000) NOT NULL, "
                    + "published BIGINT NOT NULL, updated_at TIMESTAMP NOT NULL)");
            commitIfNeeded(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** The stored token; empty: nothing was ever published (start at the log's beginning). */
    public Optional<Stored> load() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT token_index, token_gaps, published FROM " + TABLE + " WHERE publisher = ?")) {
            s.setString(1, publisher);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String gaps = r.getString(2);
                GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(r.getLong(1), gaps.isEmpty()
                        ? java.util.List.of()
                        : Arrays.stream(gaps.split(",")).map(Long::valueOf).toList());
                return Optional.of(new Stored(token, r.getLong(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** Stores {@code token} (update, or insert the first time). */
    public void save(GapAwareTrackingToken token, long published, Instant at) {
        String gaps = token.getGaps().stream().map(String::valueOf).collect(Collectors.joining(","));
        try (Connection c = dataSource.getConnection()) {
            int updated;
            try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE
                    + " SET token_index = ?, token_gaps = ?, published = ?, updated_at = ? WHERE publisher = ?")) {
                s.setLong(1, token.getIndex());
                s.setString(2, gaps);
                s.setLong(3, published);
                s.setTimestamp(4, Timestamp.from(at));
                s.setString(5, publisher);
                updated = s.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE
                        + " (publisher, token_index, token_gaps, published, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, publisher);
                    s.setLong(2, token.getIndex());
                    s.setString(3, gaps);
                    s.setLong(4, published);
                    s.setTimestamp(5, Timestamp.from(at));
                    s.executeUpdate();
                }
            }
            commitIfNeeded(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** The highest global index in the event store (-1 when empty): the head the backlog is measured to. */
    public long headIndex() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT MAX(globalIndex) FROM domainevententry")) {
            r.next();
            long max = r.getLong(1);
            return r.wasNull() ? -1 : max;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store's head: " + e.getMessage(), e);
        }
    }

    private static void commitIfNeeded(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    /** @param published events acknowledged since the position was first stored */
    public record Stored(GapAwareTrackingToken token, long published) {}
}
