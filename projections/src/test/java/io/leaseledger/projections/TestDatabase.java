package io.leaseledger.projections;

import org.h2.jdbcx.JdbcDataSource;
import org.jooq.DSLContext;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A migrated, empty projection database for one test class: an H2 file in a temp directory, or
 * a database of its own in the local PostgreSQL (127.0.0.1:5432, trust auth), dropped on close.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String POSTGRES_ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private final String url;
    private final DataSource dataSource;
    private final String postgresDatabase;
    private final DSLContext dsl;

    private TestDatabase(String url, DataSource dataSource, String postgresDatabase) {
        this.url = url;
        this.dataSource = dataSource;
        this.postgresDatabase = postgresDatabase;
        ProjectionDatabase.migrate(dataSource);
        this.dsl = ProjectionDatabase.dsl(dataSource, ProjectionDatabase.dialect(url));
    }

    public static TestDatabase h2(Path dir) {
        // Kept open between connections: this data source does not pool them.
        String url = ProjectionDatabase.h2Url(dir) + ";DB_CLOSE_DELAY=-1";
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return new TestDatabase(url, ds, null);
    }

    public static boolean postgresReachable() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public static TestDatabase postgres() throws SQLException {
        String name = "leaseledger_proj_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        String url = "jdbc:postgresql://127.0.0.1:5432/" + name;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser("postgres");
        return new TestDatabase(url, ds, name);
    }

    public DSLContext dsl() {
        return dsl;
    }

    public String url() {
        return url;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws SQLException {
        if (postgresDatabase != null) {
            try (Connection c = DriverManager.getConnection(POSTGRES_ADMIN, "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + postgresDatabase + " WITH (FORCE)");
            }
        }
    }
}
