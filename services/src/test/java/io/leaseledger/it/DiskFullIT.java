package io.leaseledger.it;

import io.leaseledger.it.harness.DiskFiller;
import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.PowerCutDisk;
import io.leaseledger.it.harness.Requirements;
import io.leaseledger.it.harness.ServerDatabases;

/**
 * {@link StoreOutageScenario} with a disk that runs full, and later has room again (a log
 * rotated, a backup moved). The server's data directory (its H2 event store and projections) is
 * an ext4 of its own ({@link PowerCutDisk}, used here only as a small private file system; the
 * server's log stays on the test's disk, where the test can read what it logs while its own disk
 * is full), filled to its last block by {@link DiskFiller} in the middle of the load. H2 closes its
 * database at the first write that fails; the store's pool throws such connections away
 * ({@code ClosedH2DatabaseEviction}) and a new one opens the file again.
 * {@link DiskFullOnPostgresIT} does the same to a PostgreSQL store.
 */
class DiskFullIT extends StoreOutageScenario {
    @Override
    void assumeOutageIsPossible() {
        Requirements.assumeRootAndTools("fallocate");
        PowerCutDisk.assumeAvailable();
    }

    @Override
    StoreOutage storeOutage(Lab lab, NetworkNamespace serverNs) {
        return fullDisk(lab.powerCutDisk("server/data"), ServerDatabases.h2());
    }

    /** {@code databases} on {@code disk}: the outage fills it to its last block, and frees it. */
    static StoreOutage fullDisk(PowerCutDisk disk, ServerDatabases databases) {
        return new StoreOutage() {
            private DiskFiller filler;

            @Override
            public ServerDatabases databases() {
                return databases;
            }

            @Override
            public void begin() {
                filler = DiskFiller.fill(disk.mountPoint().resolve("filler"));
            }

            @Override
            public void end() {
                filler.free();
            }
        };
    }
}
