package io.leaseledger.api;

import io.leaseledger.api.auth.RequiresRole;
import io.leaseledger.api.auth.Role;
import io.leaseledger.ha.HaState;
import io.leaseledger.ha.HighAvailability;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.time.Instant;

/**
 * This node's half of a hot-standby pair (read-only role; docs/ha.md): its state, what it hears of
 * its partner, and how far it has read its partner's stream — what it knew of the partner's
 * leases when the partner died. A node that serves alone answers {@code mode: none}.
 */
@Controller("/api/v1/ha")
@RequiresRole(Role.READ_ONLY)
public final class HaController {
    private final BeanProvider<HighAvailability> pair;

    public HaController(BeanProvider<HighAvailability> pair) {
        this.pair = pair;
    }

    /** The pair as this node sees it; every field but {@code mode} is null on a node that serves alone. */
    public record Answer(String mode, @Nullable String role, @Nullable String partner, @Nullable String state,
                         @Nullable Boolean answering, @Nullable String since, @Nullable String partnerState,
                         @Nullable Double partnerHeardSecondsAgo, @Nullable String partnerLastEventAt,
                         @Nullable String caughtUpAt, @Nullable Boolean syncTimedOut, @Nullable Integer unackedClients,
                         @Nullable Long partnerEventsTaken, @Nullable Long partnerEventsPassedOver,
                         @Nullable Long partnerRecordsRefused) {
    }

    @Get
    public Answer status() {
        if (!pair.isPresent()) {
            return new Answer("none", null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }
        HighAvailability.Status s = pair.get().status();
        return new Answer("hot-standby", s.role(), s.partner(), s.state().wireName(), s.state().answers(),
                s.since().toString(), s.partnerState().map(HaState::wireName).orElse(null),
                s.partnerHeardAgo().map(d -> d.toMillis() / 1000.0).orElse(null),
                s.partnerLastEventAt().map(Instant::toString).orElse(null),
                s.caughtUpAt().map(Instant::toString).orElse(null), s.syncTimedOut(), s.unackedClients(),
                s.partnerEventsTaken(), s.partnerEventsPassedOver(), s.partnerRecordsRefused());
    }
}
