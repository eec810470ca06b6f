package io.leaseledger.it.harness;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.store.Durability;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.store.testing.Databases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Two databases of the local PostgreSQL (127.0.0.1:5432, trust), one for the event store and
 * one for the projections, made with unique names for one test and dropped on close (or by the
 * shutdown hook if the test could not). A network namespace has a loopback of its own, where
 * nothing listens on 5432; {@link #forwarder} is a socat that, started inside the server's
 * namespace, listens on that loopback and passes each connection to PostgreSQL's Unix socket
 * (the file system is shared), so the server, its CLI and this JVM all use the same URLs and
 * the host's network is never touched.
 */
public final class PostgresDatabases implements ServerDatabases, AutoCloseable {
    static final int PORT = 5432;
    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:" + PORT + "/postgres";
    private static final String USER = "postgres";

    private final String store;
    private final String projections;
    private final Path socket;
    private final Runnable drop;
    private volatile PostgresForwarder forwarder;

    /** {@code drop} undoes what made them; {@link #create} is what makes them. */
    PostgresDatabases(String store, String projections, Path socket, Runnable drop) {
        this.store = store;
        this.projections = projections;
        this.socket = socket;
        this.drop = drop;
    }

    /** Makes both; skips the test when PostgreSQL, its Unix socket or socat is missing. */
    static PostgresDatabases create() {
        return create(null);
    }

    /** Makes both in {@code tablespace} (PostgreSQL's default one when null). */
    static PostgresDatabases create(PostgresTablespace tablespace) {
        assumePostgres();
        assumeTrue(Requirements.locate("socat").isPresent(), "socat is not installed (.ci/install-peers installs it)");
        Path socket = unixSocket();
        assumeTrue(Files.exists(socket), "PostgreSQL's Unix socket " + socket + " is missing");
        String in = tablespace == null ? "" : " TABLESPACE " + tablespace.name();
        String suffix = Names.unique().substring("llt".length());
        String store = "leaseledger_it_store_" + suffix;
        String projections = "leaseledger_it_proj_" + suffix;
        // Registered before they exist: a failure between the two CREATEs still drops the first.
        Cleanup.Action drop = Cleanup.register("drop databases " + store + ", " + projections,
                () -> dropBoth(store, projections));
        try {
            admin("CREATE DATABASE " + store + in);
            admin("CREATE DATABASE " + projections + in);
        } catch (RuntimeException e) {
            drop.run();
            throw e;
        }
        return new PostgresDatabases(store, projections, socket, drop::run);
    }

    static void assumePostgres() {
        assumeTrue(Databases.postgresReachable(), "no PostgreSQL on 127.0.0.1:5432 (.ci/start-postgres starts it)");
    }

    /** The forwarder that makes them reachable in the server's namespace ({@link Lab#postgres}). */
    void forwardedBy(PostgresForwarder forwarder) {
        this.forwarder = forwarder;
    }

    /**
     * PostgreSQL goes away for the server, as in a restart or a failover: its sessions end and new
     * connections are refused, until {@link #reconnect()}. PostgreSQL itself keeps running.
     */
    public void cutOff() {
        forwarder.stop();
    }

    /** PostgreSQL answers again. */
    public void reconnect() {
        forwarder.start();
    }

    /** Ends every session of both databases (not this JVM's admin connection, which is to {@code postgres}). */
    void endSessions() {
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname IN ('" + store + "', '"
                + projections + "')");
    }

    /** socat on the namespace's 127.0.0.1:5432, one forked child per connection (the server pools them). */
    List<String> forwarder() {
        return List.of(Requirements.path("socat"), "TCP-LISTEN:" + PORT + ",bind=127.0.0.1,reuseaddr,fork",
                "UNIX-CONNECT:" + socket);
    }

    String storeUrl() {
        return url(store);
    }

    String projectionsUrl() {
        return url(projections);
    }

    String user() {
        return USER;
    }

    @Override
    public StoreSettings store(Path storeDir) {
        return new StoreSettings(storeUrl(), USER, "", 4, Durability.COMMIT, StoreSettings.Snapshots.DEFAULT,
                StoreSettings.Mailbox.DEFAULT);
    }

    @Override
    public ProjectionsConfiguration projections(Path storeDir) {
        return new ProjectionsConfiguration(true, "postgresql", storeDir, Optional.of(projectionsUrl()),
                Optional.of(USER), Optional.empty(), ProjectionsConfiguration.DEFAULT_BATCH_SIZE,
                ProjectionsConfiguration.DEFAULT_POLL_INTERVAL);
    }

    /** Drops both (idempotent); FORCE ends any connection still open. */
    @Override
    public void close() {
        drop.run();
    }

    private static void dropBoth(String store, String projections) {
        try {
            admin("DROP DATABASE IF EXISTS " + store + " WITH (FORCE)");
        } finally {
            admin("DROP DATABASE IF EXISTS " + projections + " WITH (FORCE)");
        }
    }

    private static String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + PORT + "/" + database;
    }

    /** {@code <first of unix_socket_directories>/.s.PGSQL.<port>}, as the server reports them. */
    static Path unixSocket() {
        try (Connection c = DriverManager.getConnection(ADMIN, USER, ""); Statement s = c.createStatement()) {
            String dirs = show(s, "unix_socket_directories");
            return Path.of(dirs.split(",")[0].strip(), ".s.PGSQL." + show(s, "port"));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask PostgreSQL for its Unix socket", e);
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet r = s.executeQuery("SHOW " + setting)) {
            r.next();
            return r.getString(1);
        }
    }

    static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN, USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL " + store + " (events), " + projections + " (projections)";
    }
}
