package io.leaseledger.api;

/** {@link AccessControlTest} with the node's event store and projections in PostgreSQL (databases created here, dropped after). */
class AccessControlOnPostgresTest extends AccessControlTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
