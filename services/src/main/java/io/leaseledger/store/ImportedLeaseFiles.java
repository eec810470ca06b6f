package io.leaseledger.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The lease files of other DHCP servers this store has taken leases from, by their SHA-256, kept
 * beside the events (H2 or PostgreSQL alike): a file is imported once. Started again with the same
 * file (the option left in a unit file), the node passes it over instead of granting anew a lease
 * that was released or expired here since.
 */
public final class ImportedLeaseFiles {
    static final String TABLE = "leaseledger_imported_lease_files";

    private final DataSource dataSource;

    public ImportedLeaseFiles(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (sha256 VARCHAR(64) NOT NULL PRIMARY KEY, "
                    + "imported_at TIMESTAMP NOT NULL, file VARCHAR(4096) NOT NULL, leases INT NOT NULL)");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + TABLE + " in the event store: " + e.getMessage(), e);
        }
    }

    /** When the file with this digest was imported, if it was. */
    public Optional<Instant> importedAt(String sha256) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT imported_at FROM " + TABLE + " WHERE sha256 = ?")) {
            s.setString(1, sha256);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getTimestamp(1).toInstant()) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + TABLE + ": " + e.getMessage(), e);
        }
    }

    /** Records the file after its leases were imported (again: the row says when last, and how many then). */
    public void record(String sha256, String file, Instant at, int leases) {
        try {
            OneTransaction.run(dataSource, c -> {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + TABLE + " WHERE sha256 = ?");
                     PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE
                             + " (sha256, imported_at, file, leases) VALUES (?, ?, ?, ?)")) {
                    delete.setString(1, sha256);
                    delete.executeUpdate();
                    insert.setString(1, sha256);
                    insert.setTimestamp(2, Timestamp.from(at));
                    insert.setString(3, file.length() > 4096 ? file.substring(file.length() - 4096) : file);
                    insert.setInt(4, leases);
                    insert.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the imported lease file in " + TABLE + ": " + e.getMessage(), e);
        }
    }
}
