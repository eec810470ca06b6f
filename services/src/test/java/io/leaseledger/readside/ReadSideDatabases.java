package io.leaseledger.readside;

import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.store.testing.Databases;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a read-side test keeps its event store and its projections: H2 files in the test's
 * directory, or the local PostgreSQL (the store in a schema of its own, the projections in a
 * database of their own, both made for the test and dropped on close). The tests that read the
 * store or follow it into projections run on both (their {@code *OnH2Test} and
 * {@code *OnPostgresTest} subclasses).
 */
interface ReadSideDatabases extends AutoCloseable {
    /** The event store's settings; the same database every call, so a store can be restarted on it. */
    StoreSettings store();

    /** The projections' settings; the same database every call. */
    ProjectionsConfiguration projections(int batchSize, Duration pollInterval) throws SQLException;

    /** Drops what was created for the test. */
    @Override
    void close() throws SQLException;

    static ReadSideDatabases h2(Path data) {
        return new ReadSideDatabases() {
            @Override
            public StoreSettings store() {
                return StoreSettings.h2(data);
            }

            @Override
            public ProjectionsConfiguration projections(int batchSize, Duration pollInterval) {
                return new ProjectionsConfiguration(true, "h2", data, Optional.empty(), Optional.empty(), Optional.empty(),
                        batchSize, pollInterval);
            }

            @Override
            public void close() {
                // The H2 files go with the temp directory.
            }
        };
    }

    /** A new store schema (the projections database is made when first asked for); skipped when nothing listens on 5432. */
    static ReadSideDatabases postgres(Path data) throws SQLException {
        Assumptions.assumeTrue(Databases.postgresReachable(), "no PostgreSQL on 127.0.0.1:5432 (.ci/start-postgres starts it)");
        return new Postgres(data, Databases.postgres());
    }

    final class Postgres implements ReadSideDatabases {
        private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";
        private final Path data;
        private final StoreSettings store;
        private String projections;

        private Postgres(Path data, StoreSettings store) {
            this.data = data;
            this.store = store;
        }

        @Override
        public StoreSettings store() {
            return store;
        }

        @Override
        public synchronized ProjectionsConfiguration projections(int batchSize, Duration pollInterval) throws SQLException {
            if (projections == null) {
                String name = "leaseledger_proj_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                try (Connection c = DriverManager.getConnection(ADMIN, "postgres", ""); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                }
                projections = name;
            }
            return new ProjectionsConfiguration(true, "postgresql", data,
                    Optional.of("jdbc:postgresql://127.0.0.1:5432/" + projections), Optional.of("postgres"), Optional.empty(),
                    batchSize, pollInterval);
        }

        @Override
        public synchronized void close() throws SQLException {
            try {
                Databases.dropPostgresSchema(store);
            } finally {
                if (projections != null) {
                    try (Connection c = DriverManager.getConnection(ADMIN, "postgres", ""); Statement s = c.createStatement()) {
                        s.execute("DROP DATABASE IF EXISTS " + projections + " WITH (FORCE)");
                    }
                }
            }
        }
    }
}
