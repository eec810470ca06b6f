package io.leaseledger.api;

/** {@link ApiStartupTest} with the node's event store and projections in PostgreSQL (databases created per test, dropped after). */
class ApiStartupOnPostgresTest extends ApiStartupTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
