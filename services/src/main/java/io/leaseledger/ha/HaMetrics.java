package io.leaseledger.ha;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The pair in Prometheus form: {@code leaseledger_ha_state{state}} (1 for this node's state, 0 for
 * the others), {@code leaseledger_ha_partner_heartbeat_age_seconds} (-1 while none was heard),
 * {@code leaseledger_ha_unacked_clients}, and {@code leaseledger_ha_partner_events_total{outcome}}
 * ({@code taken} into this log, {@code passed_over}, {@code refused}: records that do not read).
 */
public final class HaMetrics {
    private HaMetrics() {}

    public static void bind(HighAvailability ha, MeterRegistry registry) {
        for (HaState state : HaState.values()) {
            Gauge.builder("leaseledger.ha.state", ha, h -> h.status().state() == state ? 1 : 0)
                    .description("1 for this node's HA state").tag("state", state.wireName()).register(registry);
        }
        Gauge.builder("leaseledger.ha.partner.heartbeat.age.seconds", ha,
                        h -> h.status().partnerHeardAgo().map(d -> d.toMillis() / 1000.0).orElse(-1.0))
                .description("Seconds since the partner's last heartbeat (-1: none heard since start)").register(registry);
        Gauge.builder("leaseledger.ha.unacked.clients", ha, h -> h.status().unackedClients())
                .description("Clients left unanswered for max-ack-delay while the partner is unheard").register(registry);
        FunctionCounter.builder("leaseledger.ha.partner.events", ha, h -> h.status().partnerEventsTaken())
                .description("The partner's events read from its stream").tag("outcome", "taken").register(registry);
        FunctionCounter.builder("leaseledger.ha.partner.events", ha, h -> h.status().partnerEventsPassedOver())
                .description("The partner's events read from its stream").tag("outcome", "passed_over").register(registry);
        FunctionCounter.builder("leaseledger.ha.partner.events", ha, h -> h.status().partnerRecordsRefused())
                .description("The partner's events read from its stream").tag("outcome", "refused").register(registry);
    }
}
