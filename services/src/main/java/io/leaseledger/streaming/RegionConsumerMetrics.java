package io.leaseledger.streaming;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * A region's consumer in Prometheus form: {@code leaseledger_region_events_applied_total} (events
 * applied to every projection since start) and {@code leaseledger_region_records_refused_total}
 * (records that were not LeaseLedger events, skipped). Its health is
 * {@code leaseledger_projections_failing_seconds}.
 */
public record RegionConsumerMetrics(RegionConsumer consumer) implements MeterBinder {
    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("leaseledger.region.events.applied", consumer, RegionConsumer::applied)
                .description("Events the region applied to its projections since start").register(registry);
        FunctionCounter.builder("leaseledger.region.records.refused", consumer, RegionConsumer::refused)
                .description("Records that were not LeaseLedger events, counted and skipped").register(registry);
    }
}
