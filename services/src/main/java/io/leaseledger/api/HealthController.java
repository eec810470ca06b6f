package io.leaseledger.api;

import io.leaseledger.config.SettingsView;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /health}: open (no token), for load balancers and container health checks. UP
 * once the node is serving: the HTTP server starts after the store, the configuration and the
 * DHCP transport.
 */
@Controller("/health")
public final class HealthController {
    private final SettingsView settings;

    public HealthController(SettingsView settings) {
        this.settings = settings;
    }

    /** @param subnets the number of subnets served */
    public record Health(String status, int subnets) {}

    @Get
    public Health health() {
        return new Health("UP", settings.subnets().size());
    }
}
