package io.leaseledger.api;

import io.leaseledger.metrics.DhcpMetrics;
import io.leaseledger.projections.query.LeaseQueries;
import io.leaseledger.projections.query.SubnetUtilisation;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /metrics}: Prometheus text exposition, open like {@code /health} (counters, no client
 * data). On a node with projections, each scrape first reads the pools' use and the unknown devices
 * on the links from them.
 */
@Controller("/metrics")
public final class MetricsController {
    /** Prometheus text format 0.0.4, what every Prometheus scrapes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(MetricsController.class);

    private final DhcpMetrics metrics;
    private final BeanProvider<LeaseQueries> queries;
    private final Clock clock;

    public MetricsController(DhcpMetrics metrics, BeanProvider<LeaseQueries> queries, Clock clock) {
        this.metrics = metrics;
        this.queries = queries;
        this.clock = clock;
    }

    @Get
    @Produces(PROMETHEUS_TEXT)
    public String scrape() {
        if (queries.isPresent()) {
            try {
                Map<String, long[]> pools = new HashMap<>();
                for (SubnetUtilisation s : queries.get().utilisation()) {
                    pools.put(s.subnet(), new long[] {s.poolInUse(), s.poolSize()});
                }
                metrics.updatePools(pools);
                metrics.updateUnknownDevices(queries.get().unknownDevicesSince(
                        clock.instant().minus(DhcpMetrics.UNKNOWN_DEVICES_WINDOW)));
            } catch (RuntimeException e) {
                // The projection database is down: the counters are still worth scraping.
                LOG.warn("pool and discovery gauges not updated: {}", e.toString());
            }
        }
        return metrics.scrape();
    }
}
