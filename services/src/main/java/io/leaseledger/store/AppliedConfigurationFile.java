package io.leaseledger.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The configuration file as the last start applied it, kept beside the events in the store's own
 * database (H2 or PostgreSQL alike): the next start compares the file with it, not with the log,
 * so that a restart applies what the operator changed in the file and leaves alone what the HTTP
 * API changed since (see {@code ConfigurationDiff}). One row; written after the file's commands
 * committed, so a start that failed half-way leaves the previous row and the next start tries again.
 */
public final class AppliedConfigurationFile {
    static final String TABLE = "leaseledger_applied_configuration";
    /** A configuration file of a thousand subnets is well under this. */
    static final int MAX_CHARS = 1_000_000;

    private final DataSource dataSource;

    public AppliedConfigurationFile(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id INT NOT NULL PRIMARY KEY, "
                    + "applied_at TIMESTAMP NOT NULL, content VARCHAR(" + MAX_CHARS + ") NOT NULL)");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + TABLE + " in the event store: " + e.getMessage(), e);
        }
    }

    /** The YAML the last start applied; empty before the first start that recorded one. */
    public Optional<String> read() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT content FROM " + TABLE + " WHERE id = 1");
             ResultSet r = s.executeQuery()) {
            return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the recorded file (one transaction). Files longer than {@link #MAX_CHARS} are not recorded. */
    public boolean record(String yaml, Instant at) {
        if (yaml.length() > MAX_CHARS) {
            return false;
        }
        try {
            OneTransaction.run(dataSource, c -> {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE id = 1");
                     PreparedStatement insert = c.prepareStatement(
                             "INSERT INTO " + TABLE + " (id, applied_at, content) VALUES (1, ?, ?)")) {
                    delete.executeUpdate();
                    insert.setTimestamp(1, Timestamp.from(at));
                    insert.setString(2, yaml);
                    insert.executeUpdate();
                }
            });
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the applied configuration in " + TABLE + ": " + e.getMessage(), e);
        }
    }
}
