package io.leaseledger.api;

import io.leaseledger.config.SettingsView;
import io.leaseledger.groupcommit.CommitHealth;
import io.leaseledger.readside.ReadSideHealth;
import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code GET /health}: open (no token), for load balancers and container health checks. UP
 * once the node is serving: the HTTP server starts after the store, the configuration and the
 * DHCP transport. FAILING, with 503, while a subnet cannot commit (its latest batch failed: the
 * store refused it, the disk is full), because such a subnet answers no client; which subnets,
 * for how long and why are in the body. DEGRADED, still 200, while the projections cannot follow
 * (their database is full or gone): DHCP is served, the API's reads grow stale, and a check that
 * restarts on a non-2xx must not restart a node that serves. A region has no subnets of its own
 * to commit: UP or DEGRADED by its projections.
 */
@Controller("/health")
public final class HealthController {
    private final SettingsView settings;
    private final BeanProvider<CommitHealth> commits;
    private final BeanProvider<ReadSideHealth> readSide;

    public HealthController(SettingsView settings, BeanProvider<CommitHealth> commits,
                            BeanProvider<ReadSideHealth> readSide) {
        this.settings = settings;
        this.commits = commits;
        this.readSide = readSide;
    }

    /**
     * @param status      FAILING while {@code failing} is not empty, else DEGRADED while the
     *                    projections are failing, else UP
     * @param subnets     the number of subnets served
     * @param failing     the subnets that cannot commit, longest failing first
     * @param projections whether the read models follow the event log
     */
    public record Health(String status, int subnets, List<FailingSubnet> failing, Projections projections) {
        static Health of(int subnets, List<CommitHealth.Failure> failures, Projections projections) {
            List<FailingSubnet> failing = failures.stream()
                    .map(f -> new FailingSubnet(f.subnet(), seconds(f.failingFor()), f.cause()))
                    .toList();
            String status = !failing.isEmpty() ? "FAILING" : projections.failing() ? "DEGRADED" : "UP";
            return new Health(status, subnets, failing, projections);
        }
    }

    /** @param failingForSeconds since its first failed batch with none committed after it */
    public record FailingSubnet(String subnet, double failingForSeconds, String cause) {}

    /**
     * @param status            FOLLOWING, FAILING, or NONE on a node that keeps no projections
     * @param failingForSeconds while FAILING: since the first failed attempt with none succeeding after it
     * @param cause             while FAILING: the latest failure, in one line
     */
    public record Projections(String status, Double failingForSeconds, String cause) {
        static final Projections NONE = new Projections("NONE", null, null);
        static final Projections FOLLOWING = new Projections("FOLLOWING", null, null);

        static Projections of(Optional<ReadSideHealth.Failing> failing) {
            return failing.map(f -> new Projections("FAILING", seconds(f.failingFor()), f.cause())).orElse(FOLLOWING);
        }

        boolean failing() {
            return status.equals("FAILING");
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    @Get
    public HttpResponse<Health> health() {
        // A subnet removed while it was failing is no longer the node's concern.
        Set<String> served = settings.subnets().stream().map(subnet -> subnet.id().value()).collect(Collectors.toSet());
        List<CommitHealth.Failure> failures = commits.isPresent()
                ? commits.get().failures().stream().filter(f -> served.contains(f.subnet())).toList()
                : List.of();
        Projections projections = readSide.isPresent() ? Projections.of(readSide.get().failing()) : Projections.NONE;
        Health health = Health.of(settings.subnets().size(), failures, projections);
        return failures.isEmpty() ? HttpResponse.ok(health) : HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE).body(health);
    }
}
