package io.leaseledger.streaming;

import io.leaseledger.store.StoreSettings;
import io.leaseledger.store.testing.Databases;
import org.junit.jupiter.api.BeforeAll;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EventTableReaderOnPostgresTest extends EventTableReaderContract {
    private StoreSettings created;

    @BeforeAll
    static void needsPostgres() {
        assumeTrue(Databases.postgresReachable(),
                "PostgreSQL is not reachable on 127.0.0.1:5432 (CI starts one with .ci/start-postgres)");
    }

    @Override
    StoreSettings settings() throws Exception {
        created = Databases.postgres();
        return created;
    }

    @Override
    void cleanUp() throws Exception {
        if (created != null) {
            Databases.dropPostgresSchema(created);
        }
    }
}
