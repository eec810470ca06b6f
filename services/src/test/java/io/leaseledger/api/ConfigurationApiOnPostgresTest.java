package io.leaseledger.api;

/** {@link ConfigurationApiTest} with the node's event store and projections in PostgreSQL (databases created here, dropped after). */
class ConfigurationApiOnPostgresTest extends ConfigurationApiTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
