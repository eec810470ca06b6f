package io.leaseledger.api;

/** {@link OpenApiDocumentTest} with the node's event store and projections in PostgreSQL (databases created here, dropped after). */
class OpenApiDocumentOnPostgresTest extends OpenApiDocumentTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
