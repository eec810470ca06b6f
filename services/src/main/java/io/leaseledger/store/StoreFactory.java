package io.leaseledger.store;

import io.leaseledger.config.StoreConfiguration;
import io.leaseledger.groupcommit.ReclaimScheduler;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.subnet.Subnet;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Clock;
import java.util.List;

/**
 * The one place Axon meets Micronaut: the event store with the {@link Subnet} aggregate, the
 * command gateway, the group-commit gateway and the reclaim scheduler, created and closed with
 * the application context (Micronaut closes them in reverse order: the mailboxes stop before
 * the store does).
 */
@Factory
public class StoreFactory {

    /** The time every command carries. Tests and simulations replace it. */
    @Singleton
    @Secondary
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * From {@code leaseledger.store.*}, with the YAML file's {@code store:} block on top when the
     * application registered it as a bean.
     */
    @Singleton
    @Secondary
    StoreSettings storeSettings(StoreProperties properties, @Nullable StoreConfiguration file) {
        StoreSettings base = properties.toSettings();
        return file == null ? base : StoreSettingsFromFile.apply(file, base);
    }

    @Singleton
    @Bean(preDestroy = "close")
    AxonStore axonStore(StoreSettings settings) {
        return AxonStore.start(settings, List.of(Subnet.class));
    }

    @Singleton
    CommandGateway commandGateway(AxonStore store) {
        return store.commandGateway();
    }

    @Singleton
    @Bean(preDestroy = "close")
    SubnetGateway subnetGateway(AxonStore store, Clock clock, StoreSettings settings) {
        return new SubnetGateway(store.commandGateway(), clock, settings.mailbox());
    }

    @Singleton
    @Requires(beans = ServedSubnets.class)
    @Bean(preDestroy = "close")
    ReclaimScheduler reclaimScheduler(SubnetGateway gateway, ServedSubnets subnets, StoreSettings settings) {
        ReclaimScheduler scheduler = new ReclaimScheduler(gateway, subnets, settings.mailbox().reclaimBatch());
        scheduler.start(settings.mailbox().reclaimInterval());
        return scheduler;
    }
}
