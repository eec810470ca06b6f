package io.leaseledger.api;

import io.leaseledger.api.auth.RequiresRole;
import io.leaseledger.api.auth.Role;
import io.leaseledger.projections.Decision;
import io.leaseledger.projections.LeaseState;
import io.leaseledger.projections.query.Discovery;
import io.leaseledger.projections.query.DiscoveryFilter;
import io.leaseledger.projections.query.Holding;
import io.leaseledger.projections.query.InvalidCursorException;
import io.leaseledger.projections.query.Lease;
import io.leaseledger.projections.query.LeaseFilter;
import io.leaseledger.projections.query.LeaseQueries;
import io.leaseledger.projections.query.LogEntry;
import io.leaseledger.projections.query.LogFilter;
import io.leaseledger.projections.query.Page;
import io.leaseledger.projections.query.PoolUsageBucket;
import io.leaseledger.projections.query.SubnetUtilisation;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The read side (read-only role): current leases, the history of addresses and clients (at a
 * point in time too), utilisation, the transaction log, the devices heard on the links — all answered by the projections
 * ({@link LeaseQueries}), so as fresh as they are (they follow the event log within a poll
 * interval). A node without projections answers 503.
 */
@Controller("/api/v1")
@RequiresRole(Role.READ_ONLY)
public final class ReadController {
    private final BeanProvider<LeaseQueries> queries;

    public ReadController(BeanProvider<LeaseQueries> queries) {
        this.queries = queries;
    }

    /** A point-in-time answer: who held the address (or which addresses the client held) at {@code at}. */
    public record HeldAt(Instant at, List<Holding> holdings) {}

    @Get("/leases{?subnet,mac,hostname,state,limit,cursor}")
    public Page<Lease> leases(@Nullable @QueryValue String subnet, @Nullable @QueryValue String mac,
                              @Nullable @QueryValue String hostname, @Nullable @QueryValue String state,
                              @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) throws ApiException {
        LeaseFilter filter = new LeaseFilter(QueryParams.subnet("subnet", subnet), QueryParams.mac("mac", mac),
                hostname, QueryParams.choice("state", state, LeaseState.class));
        var page = QueryParams.page(limit, cursor);
        return ask(() -> queries().currentLeases(filter, page));
    }

    /** The current lease row of one address; 404 when no client has touched it. */
    @Get("/leases/{address}")
    public Lease lease(@PathVariable String address) throws ApiException {
        String a = QueryParams.address("address", address);
        return ask(() -> queries().currentLease(a))
                .orElseThrow(() -> ApiException.notFound("no client has held or been offered " + a));
    }

    /** Every interval of an address, oldest first; with {@code at}, only the lease that covered that instant. */
    @Get("/history/addresses/{address}{?at}")
    public Object addressHistory(@PathVariable String address, @Nullable @QueryValue String at) throws ApiException {
        String a = QueryParams.address("address", address);
        Instant when = QueryParams.instant("at", at);
        if (when == null) {
            return ask(() -> queries().addressHistory(a));
        }
        return new HeldAt(when, ask(() -> queries().holderAt(a, when)).stream().toList());
    }

    /** Every address a MAC has held or declined, oldest first; with {@code at}, those it held then. */
    @Get("/history/clients/{mac}{?at}")
    public Object clientHistory(@PathVariable String mac, @Nullable @QueryValue String at) throws ApiException {
        String m = QueryParams.mac("mac", mac);
        Instant when = QueryParams.instant("at", at);
        List<Holding> all = ask(() -> queries().clientHistory(m));
        if (when == null) {
            return all;
        }
        return new HeldAt(when, all.stream()
                .filter(h -> h.kind() == io.leaseledger.projections.IntervalKind.LEASE && h.covers(when)).toList());
    }

    @Get("/utilisation")
    public List<SubnetUtilisation> utilisation() throws ApiException {
        return ask(() -> queries().utilisation());
    }

    /** The dynamic pool's use over [from, to) in buckets (default: the last 24 hours in 1-hour buckets). */
    @Get("/utilisation/{subnet}/pool{?bucket,from,to}")
    public List<PoolUsageBucket> pool(@PathVariable String subnet, @Nullable @QueryValue String bucket,
                                      @Nullable @QueryValue String from, @Nullable @QueryValue String to) throws ApiException {
        String s = QueryParams.subnet("subnet", subnet);
        Duration step = bucket == null ? Duration.ofHours(1) : QueryParams.duration("bucket", bucket);
        Instant end = to == null ? Instant.now() : QueryParams.instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(1)) : QueryParams.instant("from", from);
        return ask(() -> queries().poolUtilisationOverTime(s, step, start, end));
    }

    /** Decisions, newest first: offers, grants, NAKs with their reason, declines, releases, expiries. */
    @Get("/log{?subnet,mac,address,decision,from,to,limit,cursor}")
    public Page<LogEntry> log(@Nullable @QueryValue String subnet, @Nullable @QueryValue String mac,
                              @Nullable @QueryValue String address, @Nullable @QueryValue String decision,
                              @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                              @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor) throws ApiException {
        LogFilter filter = new LogFilter(QueryParams.subnet("subnet", subnet), QueryParams.mac("mac", mac),
                QueryParams.address("address", address), QueryParams.choice("decision", decision, Decision.class),
                QueryParams.instant("from", from), QueryParams.instant("to", to));
        var page = QueryParams.page(limit, cursor);
        return ask(() -> queries().transactionLog(filter, page));
    }

    /**
     * Devices heard on the served links (network discovery), by subnet, address and MAC, with what
     * the server knows of each; {@code unknown=true} keeps those neither reserved nor leased.
     */
    @Get("/discoveries{?subnet,mac,unknown,limit,cursor}")
    public Page<Discovery> discoveries(@Nullable @QueryValue String subnet, @Nullable @QueryValue String mac,
                                       @Nullable @QueryValue String unknown, @Nullable @QueryValue Integer limit,
                                       @Nullable @QueryValue String cursor) throws ApiException {
        DiscoveryFilter filter = new DiscoveryFilter(QueryParams.subnet("subnet", subnet), QueryParams.mac("mac", mac),
                QueryParams.flag("unknown", unknown));
        var page = QueryParams.page(limit, cursor);
        return ask(() -> queries().discoveredDevices(filter, page));
    }

    private LeaseQueries queries() throws Unavailable {
        if (!queries.isPresent()) {
            throw new Unavailable();
        }
        return queries.get();
    }

    private static final class Unavailable extends RuntimeException {
        Unavailable() {
            super(null, null, false, false);
        }
    }

    @FunctionalInterface
    private interface Query<T> {
        T get() throws Unavailable;
    }

    /** Runs a query; its argument errors become 400s naming the parameter. */
    private static <T> T ask(Query<T> query) throws ApiException {
        try {
            return query.get();
        } catch (Unavailable e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, new ApiError("unavailable",
                    "this node keeps no projections (projections.enabled: false, or a rack): ask the region", List.of()));
        } catch (InvalidCursorException e) {
            throw ApiException.invalid(new ApiError.FieldError("cursor", null, e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(new ApiError.FieldError("", null, e.getMessage()));
        }
    }

}
