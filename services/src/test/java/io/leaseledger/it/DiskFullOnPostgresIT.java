package io.leaseledger.it;

import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.PowerCutDisk;

/**
 * {@link DiskFullIT} with the server's event store and projections in PostgreSQL, two databases
 * in a tablespace on a disk of their own ({@code PostgresTablespace}): the disk fills under their
 * tables and indexes while PostgreSQL's write-ahead log, in its own data directory, still has
 * room — what a data volume that runs full does to a production store. PostgreSQL refuses to
 * extend a relation ({@code could not extend file ... No space left on device}) and rolls the
 * transaction back; the node must answer nothing it could not commit and lease again once there
 * is room, without a restart. Filling the disk of PostgreSQL's own data directory is not done: it
 * would stop the PostgreSQL every other test shares (a full write-ahead log is a PANIC).
 */
class DiskFullOnPostgresIT extends DiskFullIT {
    @Override
    StoreOutage storeOutage(Lab lab, NetworkNamespace serverNs) {
        PowerCutDisk disk = lab.powerCutDisk("postgres-tablespace");
        return fullDisk(disk, lab.postgresOn(serverNs, disk));
    }
}
