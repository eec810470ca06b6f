package io.leaseledger.projections;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The same contract on a real PostgreSQL (a database of its own, dropped afterwards); skips if none listens on 5432. */
class ProjectionsOnPostgresTest extends ProjectionsContract {
    static TestDatabase database;

    @BeforeAll
    static void open() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgresReachable(), "no PostgreSQL on 127.0.0.1:5432 (.ci/start-postgres starts it)");
        database = TestDatabase.postgres();
    }

    @AfterAll
    static void close() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @Override
    DSLContext db() {
        return database.dsl();
    }
}
