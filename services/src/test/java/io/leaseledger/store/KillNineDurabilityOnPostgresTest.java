package io.leaseledger.store;

import io.leaseledger.store.testing.Databases;
import org.junit.jupiter.api.AfterEach;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link KillNineDurabilityTest} with the event store in PostgreSQL, in a database made for each
 * run and dropped after it: every commit the killed child acknowledged, in both durability modes,
 * is in PostgreSQL when a new store opens it. Skipped when nothing listens on 127.0.0.1:5432.
 */
class KillNineDurabilityOnPostgresTest extends KillNineDurabilityTest {
    private String database;

    /** Skips each run, with the reason, when nothing listens on 5432 (a {@code @BeforeAll} skip is reported as no test at all). */
    @Override
    StoreSettings store(Path dataDirectory) throws Exception {
        assumeTrue(Databases.postgresReachable(), "no PostgreSQL on 127.0.0.1:5432 (.ci/start-postgres starts it)");
        database = Databases.createPostgresDatabase("leaseledger_kill9_");
        return new StoreSettings(Databases.postgresUrl(database), "postgres", "", 4, Durability.COMMIT,
                StoreSettings.Snapshots.DEFAULT, StoreSettings.Mailbox.DEFAULT);
    }

    @AfterEach
    void dropDatabase() throws Exception {
        if (database != null) {
            Databases.dropPostgresDatabase(database);
        }
    }
}
