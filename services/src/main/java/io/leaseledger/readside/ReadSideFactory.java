package io.leaseledger.readside;

import io.leaseledger.config.ProjectionsConfiguration;
import io.leaseledger.projections.query.LeaseQueries;
import io.leaseledger.store.AxonStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The read side in the application context, when the node keeps projections (the application
 * registers its {@link ProjectionsConfiguration} only then). {@link LeaseQueries} is what the
 * HTTP API and the CLI read with.
 */
@Factory
@Requires(beans = ProjectionsConfiguration.class)
public class ReadSideFactory {

    @Singleton
    @Bean(preDestroy = "close")
    ReadSide readSide(ProjectionsConfiguration config, AxonStore store, Clock clock) {
        return ReadSide.open(config, store, clock);
    }

    @Singleton
    LeaseQueries leaseQueries(ReadSide readSide) {
        return readSide.queries();
    }
}
