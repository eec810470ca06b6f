package io.leaseledger.api;

/** {@link RegionApiTest} with the region's projections in PostgreSQL (databases created here, dropped after; a region uses only the projections one). */
class RegionApiOnPostgresTest extends RegionApiTest {
    @Override
    NodeDatabases databases() throws Exception {
        return NodeDatabases.postgres();
    }
}
