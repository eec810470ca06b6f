package io.leaseledger.ha;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * How far this node read its HA partner's stream: per topic partition, the offset of the next
 * record, kept in the event store's own database (table {@code leaseledger_partner_position}).
 * Saved after the events before it were committed here, so a crash reads some of them again, and
 * the aggregate passes those over by sequence.
 */
final class PartnerPosition {
    static final String TABLE = "leaseledger_partner_position";

    private final DataSource dataSource;
    private final String partner;

    /** Creates the table when it is missing. */
    PartnerPosition(DataSource dataSource, String partner) {
        this.dataSource = dataSource;
        this.partner = partner;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (partner VARCHAR(200) NOT NULL, "
                    + "topic_partition VARCHAR(300) NOT NULL, next_offset BIGINT NOT NULL, "
                    + "PRIMARY KEY (partner, topic_partition))");
            commitIfNeeded(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** {@code topic:partition} → the next offset to read; empty: the partner's stream was never read. */
    Map<String, Long> load() {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT topic_partition, next_offset FROM " + TABLE + " WHERE partner = ?")) {
            s.setString(1, partner);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
            commitIfNeeded(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + TABLE + ": " + e.getMessage(), e);
        }
        return out;
    }

    void save(Map<String, Long> offsets) {
        try (Connection c = dataSource.getConnection()) {
            for (var e : offsets.entrySet()) {
                int updated;
                try (PreparedStatement s = c.prepareStatement(
                        "UPDATE " + TABLE + " SET next_offset = ? WHERE partner = ? AND topic_partition = ?")) {
                    s.setLong(1, e.getValue());
                    s.setString(2, partner);
                    s.setString(3, e.getKey());
                    updated = s.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement s = c.prepareStatement(
                            "INSERT INTO " + TABLE + " (partner, topic_partition, next_offset) VALUES (?, ?, ?)")) {
                        s.setString(1, partner);
                        s.setString(2, e.getKey());
                        s.setLong(3, e.getValue());
                        s.executeUpdate();
                    }
                }
            }
            commitIfNeeded(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + TABLE + ": " + e.getMessage(), e);
        }
    }

    private static void commitIfNeeded(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }
}
