package io.leaseledger.api;

/** {@link EventStreamApiTest} with the node's event store and projections in PostgreSQL (databases created here, dropped after). */
class EventStreamApiOnPostgresTest extends EventStreamApiTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
