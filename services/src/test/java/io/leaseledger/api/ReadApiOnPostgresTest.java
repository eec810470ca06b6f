package io.leaseledger.api;

/** The read routes with the node's event store and projections in PostgreSQL (databases created here, dropped after). */
class ReadApiOnPostgresTest extends ReadApiTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
