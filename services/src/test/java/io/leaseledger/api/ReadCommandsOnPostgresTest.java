package io.leaseledger.api;

/** {@link ReadCommandsTest} with the node's event store and projections in PostgreSQL (databases created here, dropped after). */
class ReadCommandsOnPostgresTest extends ReadCommandsTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
