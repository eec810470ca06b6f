package io.leaseledger.store.testing;

import io.leaseledger.store.StoreSettings;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Test databases: H2 files in a JUnit temp dir, and a fresh schema or a fresh database in the
 * local PostgreSQL.
 */
public final class Databases {
    public static final String POSTGRES_BASE = "jdbc:postgresql://127.0.0.1:5432/leaseledger_test";
    private static final String POSTGRES_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private Databases() {}

    public static boolean postgresReachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** A new, empty PostgreSQL schema for one test, so tests running in parallel never meet. */
    public static StoreSettings postgres() throws SQLException {
        String schema = "store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(POSTGRES_BASE, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return new StoreSettings(POSTGRES_BASE + "?currentSchema=" + schema, "postgres", "", 4,
                io.leaseledger.store.Durability.COMMIT, StoreSettings.Snapshots.DEFAULT, StoreSettings.Mailbox.DEFAULT);
    }

    public static void dropPostgresSchema(StoreSettings settings) throws SQLException {
        String url = settings.jdbcUrl();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(POSTGRES_BASE, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /**
     * A new, empty database of the local PostgreSQL, {@code prefix} and 12 random hex digits, for
     * what needs a database of its own (a node's event store, projections, another JVM's store);
     * {@link #dropPostgresDatabase} drops it.
     */
    public static String createPostgresDatabase(String prefix) throws SQLException {
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** Drops it, if it is there; FORCE ends the connections still open to it (a killed process's, a pool's). */
    public static void dropPostgresDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    public static String postgresUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    public static StoreSettings h2(Path dir) {
        return StoreSettings.h2(dir);
    }

    /** Events of one aggregate, counted on a connection of its own (not the store's pool). */
    public static long committedEvents(StoreSettings settings, String aggregateId) throws SQLException {
        return count(settings, "SELECT COUNT(*) FROM domainevententry WHERE aggregateidentifier = ?", aggregateId);
    }

    public static long committedSnapshots(StoreSettings settings, String aggregateId) throws SQLException {
        return count(settings, "SELECT COUNT(*) FROM snapshotevententry WHERE aggregateidentifier = ?", aggregateId);
    }

    private static long count(StoreSettings settings, String sql, String aggregateId) throws SQLException {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.username(), settings.password());
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, aggregateId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
