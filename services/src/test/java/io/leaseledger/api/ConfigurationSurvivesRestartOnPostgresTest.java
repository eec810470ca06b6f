package io.leaseledger.api;

/** {@link ConfigurationSurvivesRestartTest} with the node's event store and projections in PostgreSQL (databases created here, dropped after). */
class ConfigurationSurvivesRestartOnPostgresTest extends ConfigurationSurvivesRestartTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
