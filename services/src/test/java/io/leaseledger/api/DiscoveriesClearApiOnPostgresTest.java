package io.leaseledger.api;

/** {@link DiscoveriesClearApiTest} with the node's event store and projections in PostgreSQL. */
class DiscoveriesClearApiOnPostgresTest extends DiscoveriesClearApiTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
