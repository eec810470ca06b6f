package io.leaseledger.api;

import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.store.testing.Databases;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Where an API test's node keeps its event store and its projections: H2 files in the test's
 * directory (the default), or two fresh databases of the local PostgreSQL, dropped on close.
 * The API tests that touch either run on both (their {@code *OnPostgresTest} subclasses); a
 * region's API test needs the projections only ({@link #postgresProjectionsOnly}).
 */
interface NodeDatabases extends NodeProjections {
    /** The node's {@code store:} block, and its {@code projections:} block where it has one. */
    String yaml(Path dir);

    /** True while nothing has been written where the node keeps its event store. */
    boolean storeUntouched(Path dir) throws SQLException;

    static NodeDatabases h2() {
        return new NodeDatabases() {
            @Override
            public String yaml(Path dir) {
                return """
                        store:
                          kind: h2
                          path: %s
                        """.formatted(dir.resolve("data"));
            }

            @Override
            public ProjectionsConfiguration projections(Path dir) {
                // No projections: block in the yaml, so the node's default: H2 beside the store.
                return new ProjectionsConfiguration(true, "h2", dir.resolve("data"), Optional.empty(), Optional.empty(),
                        Optional.empty(), ProjectionsConfiguration.DEFAULT_BATCH_SIZE, ProjectionsConfiguration.DEFAULT_POLL_INTERVAL);
            }

            @Override
            public boolean storeUntouched(Path dir) {
                return !Files.exists(dir.resolve("data"));
            }

            @Override
            public void close() {
            }
        };
    }

    /** Two new databases (event store, projections); the test is skipped when nothing listens on 5432. */
    static NodeDatabases postgres() throws SQLException {
        assumePostgres();
        return new Postgres(Databases.createPostgresDatabase("leaseledger_api_store_"),
                Databases.createPostgresDatabase("leaseledger_api_proj_"));
    }

    /** One new database, the projections' (a region's); the test is skipped when nothing listens on 5432. */
    static NodeProjections postgresProjectionsOnly() throws SQLException {
        assumePostgres();
        return new PostgresProjections(Databases.createPostgresDatabase("leaseledger_api_proj_"));
    }

    private static void assumePostgres() {
        Assumptions.assumeTrue(Databases.postgresReachable(), "no PostgreSQL on 127.0.0.1:5432 (.ci/start-postgres starts it)");
    }

    record PostgresProjections(String database) implements NodeProjections {
        @Override
        public ProjectionsConfiguration projections(Path dir) {
            return new ProjectionsConfiguration(true, "postgresql", dir.resolve("data"),
                    Optional.of(Databases.postgresUrl(database)), Optional.of("postgres"), Optional.empty(),
                    ProjectionsConfiguration.DEFAULT_BATCH_SIZE, ProjectionsConfiguration.DEFAULT_POLL_INTERVAL);
        }

        @Override
        public void close() throws SQLException {
            Databases.dropPostgresDatabase(database);
        }
    }

    record Postgres(String store, String projections) implements NodeDatabases {
        @Override
        public String yaml(Path dir) {
            // path: the node's own files (API tokens) stay in the test's directory.
            return """
                    store:
                      kind: postgresql
                      path: %s
                      url: jdbc:postgresql://127.0.0.1:5432/%s
                      user: postgres
                    projections:
                      kind: postgresql
                      url: jdbc:postgresql://127.0.0.1:5432/%s
                      user: postgres
                    """.formatted(dir.resolve("data"), store, projections);
        }

        @Override
        public ProjectionsConfiguration projections(Path dir) {
            return new PostgresProjections(projections).projections(dir);
        }

        @Override
        public boolean storeUntouched(Path dir) throws SQLException {
            try (Connection c = DriverManager.getConnection(Databases.postgresUrl(store), "postgres", "");
                 Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                         + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')")) {
                r.next();
                return r.getLong(1) == 0;
            }
        }

        @Override
        public void close() throws SQLException {
            try {
                Databases.dropPostgresDatabase(store);
            } finally {
                Databases.dropPostgresDatabase(projections);
            }
        }
    }
}
