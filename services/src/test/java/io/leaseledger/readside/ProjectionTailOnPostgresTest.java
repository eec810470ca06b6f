package io.leaseledger.readside;

import java.nio.file.Path;

/** Event store (a schema of its own) and projections (a database of their own) on PostgreSQL, dropped after each test. */
class ProjectionTailOnPostgresTest extends ProjectionTailContract {
    @Override
    ReadSideDatabases databases(Path data) throws Exception {
        return ReadSideDatabases.postgres(data);
    }
}
