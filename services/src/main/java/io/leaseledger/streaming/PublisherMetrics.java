package io.leaseledger.streaming;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The publisher in Prometheus form: {@code leaseledger_publish_lag_seconds} (a histogram of event
 * committed → record acknowledged), {@code leaseledger_publish_acknowledged_total},
 * {@code leaseledger_publish_backlog_events} (store head − acknowledged position),
 * {@code leaseledger_publish_in_flight_records}, {@code leaseledger_publish_oldest_unacknowledged_seconds}
 * and {@code leaseledger_publish_out_of_order_total} (zero unless a subnet's events were read out of order).
 */
public final class PublisherMetrics {
    private PublisherMetrics() {}

    public static void bind(KafkaPublisher publisher, MeterRegistry registry) {
        Timer lag = Timer.builder("leaseledger.publish.lag")
                .description("Event committed to the store -> record acknowledged by Kafka")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        publisher.onAcknowledged(micros -> lag.record(micros, TimeUnit.MICROSECONDS));
        FunctionCounter.builder("leaseledger.publish.acknowledged", publisher, p -> p.status().acknowledged())
                .description("Records the broker acknowledged since start").register(registry);
        FunctionCounter.builder("leaseledger.publish.out.of.order", publisher, KafkaPublisher::outOfOrder)
                .description("Events read that were not the next of their subnet (0 unless the stream's order broke)")
                .register(registry);
        Gauge.builder("leaseledger.publish.backlog.events", publisher, p -> p.status().backlog())
                .description("Events committed and not yet acknowledged (store head minus publisher position)")
                .register(registry);
        Gauge.builder("leaseledger.publish.in.flight.records", publisher, p -> p.status().inFlight())
                .description("Records sent and not yet acknowledged").register(registry);
        Gauge.builder("leaseledger.publish.oldest.unacknowledged.seconds", publisher,
                        p -> p.status().oldestUnacknowledgedMicros() / 1e6)
                .description("Age of the oldest record sent and not yet acknowledged (0: none)").register(registry);
    }
}
