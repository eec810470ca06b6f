package io.leaseledger.api;

/** {@link LeaseImportApiTest} with the node's event store and projections in PostgreSQL (databases created here, dropped after). */
class LeaseImportApiOnPostgresTest extends LeaseImportApiTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
