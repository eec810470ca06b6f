package io.leaseledger.api;

import io.leaseledger.api.auth.RequiresRole;
import io.leaseledger.api.auth.Role;
import io.leaseledger.config.ApiInputs;
import io.leaseledger.config.ConfiguredSubnet;
import io.leaseledger.config.GlobalOptions;
import io.leaseledger.config.SettingsView;
import io.leaseledger.events.subnet.AddRange;
import io.leaseledger.events.subnet.ChangeSubnet;
import io.leaseledger.events.subnet.DefineSubnet;
import io.leaseledger.events.subnet.OptionScope;
import io.leaseledger.events.subnet.PxeSettings;
import io.leaseledger.events.subnet.RemoveOptionSnippet;
import io.leaseledger.events.subnet.RemoveRange;
import io.leaseledger.events.subnet.RemoveSubnet;
import io.leaseledger.events.subnet.ReserveHost;
import io.leaseledger.events.subnet.SetOptionSnippet;
import io.leaseledger.events.subnet.SetPxeSettings;
import io.leaseledger.events.subnet.SubnetCommand;
import io.leaseledger.events.subnet.SubnetSettings;
import io.leaseledger.events.subnet.UnreserveHost;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.Octets;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.wire.reply.OptionSnippet;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Configuration writes (operator role): each request becomes one or a few commands to the
 * subnet's {@code Subnet} aggregate, sent and committed before the answer; the settings view
 * (replies, {@code GET /api/v1/subnets}) follows the committed events at once.
 *
 * <p>Bodies use the configuration file's key names and rules ({@link ApiInputs}); a wrong field
 * is a 400 naming it. What the aggregate refuses is a 409 (it collides with what is configured)
 * or a 422 (a rule of the subnet, e.g. it was removed). A subnet that was never defined is a 404.
 */
@Controller("/api/v1/subnets")
@RequiresRole(Role.OPERATOR)
@Consumes(MediaType.APPLICATION_JSON)
public final class ConfigurationController {
    private final SubnetCommands commands;
    private final SettingsView settings;
    private final Clock clock;

    public ConfigurationController(SubnetCommands commands, SettingsView settings, Clock clock) {
        this.commands = commands;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Defines a subnet (cidr and lease settings) with the global option snippets in force and the
     * file's global PXE settings; 409 if it is served or overlaps one that is.
     */
    @Post
    public HttpResponse<SubnetView> define(@Body @Nullable String body) throws ApiException {
        ApiInputs.SubnetInput input = RequestBodies.read(body, ApiInputs::subnet);
        SubnetId id = SubnetId.of(input.cidr());
        for (ConfiguredSubnet other : settings.subnets()) {
            if (other.id().equals(id)) {
                throw ApiException.conflict("subnet " + id + " is already served: change it with PUT /api/v1/subnets/"
                        + SubnetPaths.of(id));
            }
            if (overlaps(other, input)) {
                throw ApiException.conflict("subnet " + id + " overlaps the served subnet " + other.id());
            }
        }
        Instant at = clock.instant();
        send(DefineSubnet.of(input.cidr(), input.settings(), at));
        // Global snippets are carried by every subnet's stream: this one's starts with those in force.
        ConfiguredSubnet defined = settings.subnet(id).orElseThrow();
        for (SubnetCommand command : GlobalOptions.toward(defined, settings.globalSnippets(), at)) {
            send(command);
        }
        // As a file subnet without a pxe block of its own; one defined again keeps the settings it had.
        if (defined.pxe().isEmpty() && !settings.globalPxe().isEmpty()) {
            send(new SetPxeSettings(id, settings.globalPxe(), at));
        }
        return HttpResponse.created(view(id));
    }

    /** Changes lease settings; keys not given keep their value. */
    @Put("/{subnet}")
    public SubnetView change(@PathVariable String subnet, @Body @Nullable String body) throws ApiException {
        ConfiguredSubnet current = served(subnet);
        SubnetSettings next = RequestBodies.read(body, json -> ApiInputs.settingsChange(json, current.settings()));
        send(new ChangeSubnet(current.id(), next, clock.instant()));
        return view(current.id());
    }

    /** Stops serving the subnet; its history stays (and its ranges and hosts, should it be defined again). */
    @Delete("/{subnet}")
    public HttpResponse<Void> remove(@PathVariable String subnet) throws ApiException {
        ConfiguredSubnet current = served(subnet);
        send(new RemoveSubnet(current.id(), clock.instant()));
        return HttpResponse.noContent();
    }

    @Post("/{subnet}/ranges")
    public HttpResponse<SubnetView> addRange(@PathVariable String subnet, @Body @Nullable String body) throws ApiException {
        ConfiguredSubnet current = served(subnet);
        ApiInputs.RangeInput input = RequestBodies.read(body, ApiInputs::range);
        send(new AddRange(current.id(), input.range(), input.kind(), clock.instant()));
        return HttpResponse.created(view(current.id()));
    }

    /** Removes the range that starts at {@code start} (ranges never overlap, so the start names it). */
    @Delete("/{subnet}/ranges/{start}")
    public HttpResponse<Void> removeRange(@PathVariable String subnet, @PathVariable String start) throws ApiException {
        ConfiguredSubnet current = served(subnet);
        Ipv4Address first = address("start", start);
        AddressRange range = current.ranges().keySet().stream().filter(r -> r.first().equals(first)).findFirst()
                .orElseThrow(() -> ApiException.notFound("subnet " + current.id() + " has no range starting at " + start));
        send(new RemoveRange(current.id(), range, clock.instant()));
        return HttpResponse.noContent();
    }

    /** Reserves an address for a MAC (replacing that MAC's reservation, if any). */
    @Put("/{subnet}/hosts/{mac}")
    public SubnetView reserve(@PathVariable String subnet, @PathVariable String mac, @Body @Nullable String body)
            throws ApiException {
        ConfiguredSubnet current = served(subnet);
        MacAddress hardware = mac(mac);
        ApiInputs.HostInput input = RequestBodies.read(body, ApiInputs::host);
        send(new ReserveHost(current.id(), hardware, input.address(), input.hostname().orElse(null), clock.instant()));
        return view(current.id());
    }

    @Delete("/{subnet}/hosts/{mac}")
    public HttpResponse<Void> unreserve(@PathVariable String subnet, @PathVariable String mac) throws ApiException {
        ConfiguredSubnet current = served(subnet);
        MacAddress hardware = mac(mac);
        if (!current.hosts().containsKey(hardware)) {
            throw ApiException.notFound("subnet " + current.id() + " has no reservation for " + hardware);
        }
        send(new UnreserveHost(current.id(), hardware, clock.instant()));
        return HttpResponse.noContent();
    }

    /** Sets a subnet-level option snippet (body as an entry of the file's {@code options} list). */
    @Put("/{subnet}/options")
    public SubnetView setOption(@PathVariable String subnet, @Body @Nullable String body) throws ApiException {
        ConfiguredSubnet current = served(subnet);
        OptionSnippet snippet = snippet(body);
        send(new SetOptionSnippet(current.id(), OptionScope.SUBNET, null, snippet.code(), new Octets(snippet.value()),
                snippet.alwaysSend(), clock.instant()));
        return view(current.id());
    }

    @Delete("/{subnet}/options/{code}")
    public HttpResponse<Void> removeOption(@PathVariable String subnet, @PathVariable String code) throws ApiException {
        ConfiguredSubnet current = served(subnet);
        int option = code(code);
        if (current.snippets().keySet().stream().noneMatch(k -> k.scope() == OptionScope.SUBNET && k.code() == option)) {
            throw ApiException.notFound("subnet " + current.id() + " sets no option " + option);
        }
        send(new RemoveOptionSnippet(current.id(), OptionScope.SUBNET, null, option, clock.instant()));
        return HttpResponse.noContent();
    }

    /** Sets an option snippet for one reserved host. */
    @Put("/{subnet}/hosts/{mac}/options")
    public SubnetView setHostOption(@PathVariable String subnet, @PathVariable String mac, @Body @Nullable String body)
            throws ApiException {
        ConfiguredSubnet current = served(subnet);
        MacAddress hardware = mac(mac);
        OptionSnippet snippet = snippet(body);
        send(new SetOptionSnippet(current.id(), OptionScope.HOST, hardware, snippet.code(), new Octets(snippet.value()),
                snippet.alwaysSend(), clock.instant()));
        return view(current.id());
    }

    @Delete("/{subnet}/hosts/{mac}/options/{code}")
    public HttpResponse<Void> removeHostOption(@PathVariable String subnet, @PathVariable String mac,
                                               @PathVariable String code) throws ApiException {
        ConfiguredSubnet current = served(subnet);
        MacAddress hardware = mac(mac);
        int option = code(code);
        if (current.snippets().keySet().stream().noneMatch(k -> k.scope() == OptionScope.HOST
                && k.host().equals(Optional.of(hardware)) && k.code() == option)) {
            throw ApiException.notFound("host " + hardware + " on " + current.id() + " has no option " + option);
        }
        send(new RemoveOptionSnippet(current.id(), OptionScope.HOST, hardware, option, clock.instant()));
        return HttpResponse.noContent();
    }

    /**
     * Replaces the subnet's PXE settings with the body, a whole {@code pxe} block of the file
     * (keys not given are not set; {@code {}} clears them as DELETE does).
     */
    @Put("/{subnet}/pxe")
    public SubnetView setPxe(@PathVariable String subnet, @Body @Nullable String body) throws ApiException {
        ConfiguredSubnet current = served(subnet);
        PxeSettings pxe = RequestBodies.read(body, ApiInputs::pxe);
        send(new SetPxeSettings(current.id(), pxe, clock.instant()));
        return view(current.id());
    }

    /** Clears the subnet's PXE settings: its replies carry no next server and no boot file. */
    @Delete("/{subnet}/pxe")
    public HttpResponse<Void> clearPxe(@PathVariable String subnet) throws ApiException {
        ConfiguredSubnet current = served(subnet);
        send(new SetPxeSettings(current.id(), PxeSettings.NONE, clock.instant()));
        return HttpResponse.noContent();
    }

    // ------------------------------------------------------------------ helpers

    private void send(SubnetCommand command) throws ApiException {
        commands.send(command);
    }

    private ConfiguredSubnet served(String subnet) throws ApiException {
        SubnetId id = SubnetPaths.parse(subnet);
        return settings.subnet(id).orElseThrow(() -> ApiException.notFound("no subnet " + id + " is served"));
    }

    private SubnetView view(SubnetId id) {
        // The view follows committed events synchronously, so the change is already in it.
        return settings.subnet(id).map(SubnetView::of).orElseThrow();
    }

    private static boolean overlaps(ConfiguredSubnet other, ApiInputs.SubnetInput input) {
        return other.cidr().contains(input.cidr().network()) || input.cidr().contains(other.cidr().network());
    }

    static OptionSnippet snippet(String body) throws ApiException {
        return RequestBodies.read(body, ApiInputs::snippet);
    }

    private static MacAddress mac(String text) throws ApiException {
        try {
            return MacAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(new ApiError.FieldError("mac", text, "a MAC address (52:54:00:12:34:56): " + e.getMessage()));
        }
    }

    private static Ipv4Address address(String field, String text) throws ApiException {
        try {
            return Ipv4Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(new ApiError.FieldError(field, text, "an IPv4 address (dotted quad)"));
        }
    }

    static int code(String text) throws ApiException {
        try {
            int code = Integer.parseInt(text);
            if (code >= 1 && code <= 254) {
                return code;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.invalid(new ApiError.FieldError("code", text, "an option code from 1 to 254"));
    }

}
