package io.leaseledger.it;

import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.ServerDatabases;

/**
 * {@link StopUnderLoadIT} with the server's event store and projections in PostgreSQL: two
 * databases made for the test and dropped after it. SIGTERM under load must still answer every
 * request the server read and fail no decision while its pool to PostgreSQL closes. Skipped when
 * nothing listens on 127.0.0.1:5432 or socat is missing.
 */
class StopUnderLoadOnPostgresIT extends StopUnderLoadIT {
    @Override
    ServerDatabases databases(Lab lab, NetworkNamespace serverNs) {
        return lab.postgres(serverNs);
    }
}
