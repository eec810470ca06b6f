package io.leaseledger.api;

/** {@link InUseApiTest} with the node's event store and projections in PostgreSQL (databases created here, dropped after). */
class InUseApiOnPostgresTest extends InUseApiTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
