package io.leaseledger.it.harness;

import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.store.StoreSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where LeaseLedger under test keeps its event store and its projections: H2 files in its store
 * directory ({@link #h2()}, the default), or two PostgreSQL databases made for the test
 * ({@link Lab#postgres}). {@link LeaseLedgerConfig} writes them into the server's configuration;
 * the test opens the same ones in-process, once the server has stopped, with {@link #store} and
 * {@link #projections}.
 */
public sealed interface ServerDatabases permits ServerDatabases.H2, PostgresDatabases {
    static ServerDatabases h2() {
        return new H2();
    }

    /** The event store the server writes, {@code storeDir} being its {@code store.path}. */
    StoreSettings store(Path storeDir);

    /** The projections the server's tail keeps, with the default batch size and poll interval. */
    ProjectionsConfiguration projections(Path storeDir);

    /** {@code events.mv.db} and {@code projections.mv.db} in the store directory. */
    record H2() implements ServerDatabases {
        @Override
        public StoreSettings store(Path storeDir) {
            return StoreSettings.h2(storeDir);
        }

        @Override
        public ProjectionsConfiguration projections(Path storeDir) {
            return new ProjectionsConfiguration(true, "h2", storeDir, Optional.empty(), Optional.empty(),
                    Optional.empty(), ProjectionsConfiguration.DEFAULT_BATCH_SIZE,
                    ProjectionsConfiguration.DEFAULT_POLL_INTERVAL);
        }

        /** As the tests print it beside {@link PostgresDatabases}'s (a record's own would say {@code H2[]}). */
        @Override
        public String toString() {
            return "H2 files in the store directory";
        }
    }
}
