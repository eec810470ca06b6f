package io.leaseledger.api;

/** {@link MetricsTest} with the node's event store and projections in PostgreSQL (databases created here, dropped after). */
class MetricsOnPostgresTest extends MetricsTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
