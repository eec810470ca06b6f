package io.leaseledger.metrics;

import io.leaseledger.readside.ReadSideHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The projections' standing in Prometheus form: {@code leaseledger_projections_failing_seconds},
 * 0 while they follow their source, else how long they have failed to (what {@code GET /health}
 * reports as DEGRADED). Alert on it staying above zero.
 */
public final class ReadSideMetrics {
    private ReadSideMetrics() {}

    public static void bind(ReadSideHealth projections, MeterRegistry registry) {
        Gauge.builder("leaseledger.projections.failing.seconds", projections,
                        p -> p.failing().map(f -> f.failingFor().toMillis() / 1000.0).orElse(0.0))
                .description("How long the projections have failed to follow their source (0: they follow)")
                .strongReference(true)
                .register(registry);
    }
}
