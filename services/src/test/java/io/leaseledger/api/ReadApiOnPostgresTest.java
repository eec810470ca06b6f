package io.leaseledger.api;

import io.leaseledger.store.testing.Databases;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/** The read routes with the node's projections in PostgreSQL (a database created here, dropped after); the store stays H2. */
class ReadApiOnPostgresTest extends ReadApiTest {
    private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private String database;

    @Override
    String extraYaml() throws Exception {
        Assumptions.assumeTrue(Databases.postgresReachable(), "no PostgreSQL on 127.0.0.1:5432 (.ci/start-postgres starts it)");
        database = "leaseledger_api_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(ADMIN, "postgres", ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return """
                projections:
                  kind: postgresql
                  url: jdbc:postgresql://127.0.0.1:5432/%s
                  user: postgres
                """.formatted(database);
    }

    @Override
    void dropDatabases() throws Exception {
        if (database != null) {
            try (Connection c = DriverManager.getConnection(ADMIN, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }
}
