package io.leaseledger.readside;

import java.nio.file.Path;

/** The event store in a PostgreSQL schema of its own, dropped after the test. */
class EventStoreSourceOnPostgresTest extends EventStoreSourceContract {
    @Override
    ReadSideDatabases databases(Path data) throws Exception {
        return ReadSideDatabases.postgres(data);
    }
}
