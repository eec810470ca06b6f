package io.leaseledger.api;

/** {@link DiscoveriesApiTest} with the node's event store and projections in PostgreSQL (databases created here, dropped after). */
class DiscoveriesApiOnPostgresTest extends DiscoveriesApiTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
