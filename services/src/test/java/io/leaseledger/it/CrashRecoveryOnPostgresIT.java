package io.leaseledger.it;

import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.ServerDatabases;

/**
 * {@link CrashRecoveryIT} with the server's event store and projections in PostgreSQL, the
 * production store: two databases made for the test and dropped after it, which the killed
 * server, the restarted one and this JVM (reading the held leases) all reach at 127.0.0.1:5432.
 * Every ACK seen on the wire before {@code kill -9} must be in PostgreSQL after it, in both
 * durability modes. The power cut is skipped here, with the reason ({@link CrashRecoveryIT}).
 * Skipped when nothing listens on 127.0.0.1:5432 or socat is missing.
 */
class CrashRecoveryOnPostgresIT extends CrashRecoveryIT {
    @Override
    ServerDatabases databases(Lab lab, NetworkNamespace serverNs) {
        return lab.postgres(serverNs);
    }
}
