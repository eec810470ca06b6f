package io.leaseledger.it;

import io.leaseledger.it.harness.Lab;
import io.leaseledger.it.harness.NetworkNamespace;
import io.leaseledger.it.harness.PostgresDatabases;
import io.leaseledger.it.harness.ServerDatabases;
import java.time.Duration;

/**
 * {@link StoreOutageScenario} with the server's event store and projections in PostgreSQL, and
 * PostgreSQL going away under the load and coming back, as a restart or a failover of the
 * database server does: every session of the two databases ends at once and new connections are
 * refused (the namespace's forwarder to PostgreSQL is stopped, {@link PostgresDatabases#cutOff()}),
 * then it answers again. The node must answer nothing it could not commit meanwhile and lease again
 * once PostgreSQL is back, without a restart. The PostgreSQL every test shares keeps running.
 */
class PostgresOutageIT extends StoreOutageScenario {
    /**
     * Longer than two of the store pool's connection timeouts (5 s): the server's attempts to
     * connect are refused for all of them, batch after batch fails, and the node must still come
     * back by itself.
     */
    @Override
    Duration outageAfterTheFirstFailure() {
        return Duration.ofSeconds(12);
    }

    @Override
    StoreOutage storeOutage(Lab lab, NetworkNamespace serverNs) {
        PostgresDatabases postgres = lab.postgres(serverNs);
        return new StoreOutage() {
            @Override
            public ServerDatabases databases() {
                return postgres;
            }

            @Override
            public void begin() {
                postgres.cutOff();
            }

            @Override
            public void end() {
                postgres.reconnect();
            }
        };
    }
}
