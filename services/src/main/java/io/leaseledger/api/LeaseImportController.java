package io.leaseledger.api;

import io.leaseledger.api.auth.RequiresRole;
import io.leaseledger.api.auth.Role;
import io.leaseledger.config.SettingsView;
import io.leaseledger.leaseimport.ForeignLeaseFile;
import io.leaseledger.leaseimport.KeaMemfile;
import io.leaseledger.leaseimport.LeaseImport;
import io.leaseledger.leaseimport.LeaseImporter;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.ServedSubnets;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Another DHCP server's lease file taken over by a node that serves (admin role): what
 * {@code serve --import-leases} does at start, without a restart — for a second server replaced
 * later, or a file found after the switch (docs/operations.md, "Switching from Kea, ISC dhcpd or
 * dnsmasq"). The body is the file as it is on disk (Kea's memfile, its set's files one after the
 * other; ISC dhcpd's leases; dnsmasq's), imported once per content as at start.
 */
@Controller("/api/v1/lease-imports")
@RequiresRole(Role.ADMIN)
public final class LeaseImportController {
    private static final int MAX_NAME = 200;
    private static final int REPORTED_LINES = LeaseImporter.REPORTED_LINES;

    private final BeanProvider<AxonStore> store;
    private final BeanProvider<ServedSubnets> served;
    private final SettingsView settings;
    private final Clock clock;
    /** One for the node, made at the first import: it lets one import run at a time. */
    private LeaseImporter importer;

    /** @param served present on a node that serves DHCP; a region answers 503 (its subnets are the racks') */
    public LeaseImportController(BeanProvider<AxonStore> store, BeanProvider<ServedSubnets> served,
                                 SettingsView settings, Clock clock) {
        this.store = store;
        this.served = served;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * What became of the file's leases: {@code outcomes} by what the subnets made of them
     * ({@code IMPORTED}, {@code ALREADY_HELD}, {@code OUTSIDE_POOL}, ...), {@code notImported} and
     * {@code unreadable} one line per lease (the first 200; {@code more} counts the rest).
     */
    public record ImportView(String name, String format, int leases, int imported, Map<String, Integer> outcomes,
                             int noSubnet, List<String> notImported, List<String> unreadable, long more) {
        static ImportView of(String name, LeaseImport.Result result) {
            Map<String, Integer> outcomes = new TreeMap<>();
            result.outcomes().forEach((outcome, n) -> outcomes.put(outcome.name(), n));
            long more = result.linesBeyond(REPORTED_LINES);
            return new ImportView(name, result.format(), result.leases(), result.imported(), outcomes, result.noSubnet(),
                    result.notImported().stream().limit(REPORTED_LINES).toList(),
                    result.unreadable().stream().limit(REPORTED_LINES).toList(), more);
        }
    }

    private synchronized LeaseImporter importer() {
        if (importer == null) {
            AxonStore axon = store.get();
            importer = new LeaseImporter(axon.dataSource(), settings, axon.commandGateway());
        }
        return importer;
    }

    /**
     * {@code name}: what to call the file in the record and the log (default {@code api}); {@code again}:
     * import a content imported before once more; {@code writtenAt}: when dnsmasq wrote its file (its
     * modification time: it dates the lease times the file leaves out), default now.
     */
    @Post("{?name,again,writtenAt}")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    public ImportView importLeases(@Body @Nullable String body, @QueryValue @Nullable String name,
                                   @QueryValue @Nullable String again,
                                   @QueryValue @Nullable String writtenAt) throws ApiException {
        boolean importAgain = QueryParams.flag("again", again);
        Instant written = QueryParams.instant("writtenAt", writtenAt);
        String called = name == null ? "api" : name.strip();
        if (called.isEmpty() || called.length() > MAX_NAME || called.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid(new ApiError.FieldError("name", name,
                    "1 to " + MAX_NAME + " printable characters naming the file"));
        }
        if (body == null || body.isBlank()) {
            throw ApiException.invalid(new ApiError.FieldError("body", null,
                    "the lease file: Kea's memfile, ISC dhcpd's dhcpd.leases or dnsmasq's lease file"));
        }
        if (!served.isPresent()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, new ApiError("unavailable",
                    "this node serves no subnets (a region): import on the rack that serves them", List.of()));
        }
        Instant now = clock.instant();
        ForeignLeaseFile file;
        try {
            file = ForeignLeaseFile.parse(body, called, written == null ? now : written);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(new ApiError.FieldError("body", null, e.getMessage()));
        }
        // Kea's set: digested file by file, as serve --import-leases digests the files it reads.
        List<String> files = file.format().equals("kea-memfile") ? KeaMemfile.files(body) : List.of(body);
        return switch (importer().run(file, LeaseImporter.sha256(files), called, importAgain, now)) {
            case LeaseImporter.AlreadyImported already -> throw ApiException.conflict("these leases were imported at "
                    + already.at() + " already: ?again=true imports them once more");
            case LeaseImporter.Imported done -> ImportView.of(called, done.result());
        };
    }
}
