package io.leaseledger.api;

/** {@link ForeignDhcpApiTest} with the node's event store and projections in PostgreSQL (databases created here, dropped after). */
class ForeignDhcpApiOnPostgresTest extends ForeignDhcpApiTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
