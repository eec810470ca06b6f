package io.leaseledger.store;

import io.leaseledger.store.testing.Databases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AxonStoreOnPostgresTest extends AxonStoreContract {
    private final List<StoreSettings> created = new ArrayList<>();

    @BeforeAll
    static void needsPostgres() {
        assumeTrue(Databases.postgresReachable(),
                "PostgreSQL is not reachable on 127.0.0.1:5432 (CI starts one with .ci/start-postgres)");
    }

    @Override
    StoreSettings settings() throws Exception {
        StoreSettings settings = Databases.postgres();
        created.add(settings);
        return settings;
    }

    @AfterEach
    void dropSchemas() throws Exception {
        for (StoreSettings settings : created) {
            Databases.dropPostgresSchema(settings);
        }
    }
}
