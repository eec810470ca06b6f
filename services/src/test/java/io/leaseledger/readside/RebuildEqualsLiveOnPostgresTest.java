package io.leaseledger.readside;

import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.store.testing.Databases;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

/** Projections in a PostgreSQL database of their own (created here, dropped after); the store stays H2. */
class RebuildEqualsLiveOnPostgresTest extends RebuildEqualsLiveContract {
    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private String database;

    @Override
    ProjectionsConfiguration projections(Path data) throws Exception {
        Assumptions.assumeTrue(Databases.postgresReachable(), "no PostgreSQL on 127.0.0.1:5432 (.ci/start-postgres starts it)");
        database = "leaseledger_proj_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(ADMIN, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return new ProjectionsConfiguration(true, "postgresql", data,
                Optional.of("jdbc:postgresql://127.0.0.1:5432/" + database), Optional.of("postgres"), Optional.empty(),
                500, ProjectionsConfiguration.DEFAULT_POLL_INTERVAL);
    }

    @Override
    void dropProjections() throws Exception {
        if (database != null) {
            try (Connection c = DriverManager.getConnection(ADMIN, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }
}
