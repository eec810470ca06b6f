package io.leaseledger.api;

/** {@link RegionApiTest} with the region's projections in PostgreSQL (a database created here, dropped after; a region keeps no event store). */
class RegionApiOnPostgresTest extends RegionApiTest {
    @Override
    NodeProjections databases() throws Exception {
        return NodeDatabases.postgresProjectionsOnly();
    }
}
