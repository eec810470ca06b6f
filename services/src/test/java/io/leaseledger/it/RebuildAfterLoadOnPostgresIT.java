package io.leaseledger.it;

import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.ServerDatabases;

/**
 * {@link RebuildAfterLoadIT} with the server's event store and projections in PostgreSQL:
 * two databases made for the test and dropped after it, which the server, the
 * {@code projections rebuild} command and this JVM all reach at 127.0.0.1:5432. Skipped when
 * nothing listens there or socat is missing.
 */
class RebuildAfterLoadOnPostgresIT extends RebuildAfterLoadIT {
    @Override
    ServerDatabases databases(Lab lab, NetworkNamespace serverNs) {
        return lab.postgres(serverNs);
    }
}
