package io.leaseledger.api;

import io.leaseledger.config.SettingsView;
import io.leaseledger.groupcommit.CommitHealth;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /health}: open (no token), for load balancers and container health checks. UP
 * once the node is serving: the HTTP server starts after the store, the configuration and the
 * DHCP transport. FAILING, with 503, while a subnet cannot commit (its latest batch failed: the
 * store refused it, the disk is full), because such a subnet answers no client; which subnets,
 * for how long and why are in the body. A region has no subnets of its own to commit: UP.
 */
@Controller("/health")
public final class HealthController {
    private final SettingsView settings;
    private final BeanProvider<CommitHealth> commits;

    public HealthController(SettingsView settings, BeanProvider<CommitHealth> commits) {
        this.settings = settings;
        this.commits = commits;
    }

    /**
     * @param status   UP, or FAILING while {@code failing} is not empty
     * @param subnets  the number of subnets served
     * @param failing  the subnets that cannot commit, longest failing first
     */
    public record Health(String status, int subnets, List<FailingSubnet> failing) {
        static Health of(int subnets, List<CommitHealth.Failure> failures) {
            List<FailingSubnet> failing = failures.stream()
                    .map(f -> new FailingSubnet(f.subnet(), f.failingFor().toMillis() / 1000.0, f.cause()))
                    .toList();
            return new Health(failing.isEmpty() ? "UP" : "FAILING", subnets, failing);
        }
    }

    /** @param failingForSeconds since its first failed batch with none committed after it */
    public record FailingSubnet(String subnet, double failingForSeconds, String cause) {}

    @Get
    public HttpResponse<Health> health() {
        // A subnet removed while it was failing is no longer the node's concern.
        Set<String> served = settings.subnets().stream().map(subnet -> subnet.id().value()).collect(Collectors.toSet());
        List<CommitHealth.Failure> failures = commits.isPresent()
                ? commits.get().failures().stream().filter(f -> served.contains(f.subnet())).toList()
                : List.of();
        Health health = Health.of(settings.subnets().size(), failures);
        return failures.isEmpty() ? HttpResponse.ok(health) : HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(health);
    }
}
