package io.leaseledger.api;

/** {@link OpenApiResponsesTest} with the node's event store and projections in PostgreSQL (databases created here, dropped after). */
class OpenApiResponsesOnPostgresTest extends OpenApiResponsesTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }

    @Override
    boolean backsUpItsStore() {
        return false;
    }
}
