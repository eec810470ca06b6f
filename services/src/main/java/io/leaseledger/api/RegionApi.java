package io.leaseledger.api;

import io.leaseledger.api.auth.TokenStore;
import io.leaseledger.config.ApiConfiguration;
import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.SettingsView;
import io.leaseledger.metrics.DhcpMetrics;
import io.leaseledger.metrics.ReadSideMetrics;
import io.leaseledger.projections.query.LeaseQueries;
import io.leaseledger.readside.ReadSideHealth;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP API of a region: the same routes, over the region's projections (fed from Kafka). A
 * region has no subnets of its own and no event store, so configuration writes answer 503 (the
 * racks own their subnets), {@code /health} counts no subnets, and {@code /metrics} carries the
 * pool gauges of the projections only.
 */
public final class RegionApi implements AutoCloseable {
    private final ApplicationContext context;
    private final EmbeddedServer server;

    private RegionApi(ApplicationContext context, EmbeddedServer server) {
        this.context = context;
        this.server = server;
    }

    /** The start-up rule of every API: not off loopback without a token (checked before the region starts). */
    public static void check(ApiConfiguration api) throws ConfigurationException {
        ApiServer.check(api);
    }

    /**
     * Empty when the configuration has no {@code api:} block. {@code projections} tells
     * {@code /health} whether the region's consumer keeps up; {@code consumerMetrics} puts its
     * counters on {@code /metrics}.
     */
    public static Optional<RegionApi> start(ApiConfiguration api, LeaseQueries queries, ReadSideHealth projections,
                                            MeterBinder consumerMetrics) throws ConfigurationException {
        if (!api.enabled()) {
            return Optional.empty();
        }
        ApiServer.check(api);
        Map<String, Object> properties = new HashMap<>(ApiServer.properties(api));
        DhcpMetrics metrics = new DhcpMetrics();
        ReadSideMetrics.bind(projections, metrics.registry());
        consumerMetrics.bindTo(metrics.registry());
        ApplicationContext context = ApplicationContext.builder()
                .properties(properties)
                .singletons(api, new TokenStore(api.tokensFile()), new SettingsView(), metrics)
                .start();
        try {
            context.registerSingleton(LeaseQueries.class, queries);
            context.registerSingleton(ReadSideHealth.class, projections);
            EmbeddedServer server = context.getBean(EmbeddedServer.class);
            server.start();
            return Optional.of(new RegionApi(context, server));
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    public URI uri() {
        return server.getURI();
    }

    @Override
    public void close() {
        context.close();
    }
}
