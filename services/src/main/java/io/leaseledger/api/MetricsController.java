package io.leaseledger.api;

import io.leaseledger.metrics.DhcpMetrics;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

/** {@code GET /metrics}: Prometheus text exposition, open like {@code /health} (counters, no client data). */
@Controller("/metrics")
public final class MetricsController {
    /** Prometheus text format 0.0.4, what every Prometheus scrapes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final DhcpMetrics metrics;

    public MetricsController(DhcpMetrics metrics) {
        this.metrics = metrics;
    }

    @Get
    @Produces(PROMETHEUS_TEXT)
    public String scrape() {
        return metrics.scrape();
    }
}
