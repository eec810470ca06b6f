package io.leaseledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.api.auth.RequiresRole;
import io.leaseledger.api.auth.Role;
import io.leaseledger.config.ConfiguredSubnet;
import io.leaseledger.config.SettingsView;
import io.leaseledger.events.subnet.InUseOutcome;
import io.leaseledger.events.subnet.ReportAddressInUse;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.store.ServedSubnets;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reports of addresses seen in use (operator role): an operator, or an external watcher (a
 * switch's ARP table, a scanner) holding an operator token, tells the subnet that a device uses
 * an address. Becomes one {@link ReportAddressInUse} at the node's clock; the answer says what
 * the subnet made of it ({@link InUseOutcome}). See docs/architecture.md, "Addresses seen in use".
 */
@Controller("/api/v1/subnets")
@RequiresRole(Role.OPERATOR)
@Consumes(MediaType.APPLICATION_JSON)
public final class InUseController {
    private static final Set<String> FIELDS = Set.of("address", "mac");

    private final BeanProvider<CommandGateway> commands;
    private final BeanProvider<ServedSubnets> served;
    private final SettingsView settings;
    private final Clock clock;

    /** @param served present on a node that serves DHCP; a region answers 503 (it has no subnets to tell) */
    public InUseController(BeanProvider<CommandGateway> commands, BeanProvider<ServedSubnets> served,
                           SettingsView settings, Clock clock) {
        this.commands = commands;
        this.served = served;
        this.settings = settings;
        this.clock = clock;
    }

    /** What the subnet made of a report: {@code outcome} is an {@link InUseOutcome} name. */
    public record Report(String subnet, String address, String mac, String outcome) {}

    /** {@code {"address": "198.18.0.120", "mac": "52:54:00:aa:bb:cc"}}: the device was seen using the address now. */
    @Post("/{subnet}/in-use")
    public Report report(@PathVariable String subnet, @Body @Nullable String body) throws ApiException {
        SubnetId id = SubnetPaths.parse(subnet);
        ConfiguredSubnet current = settings.subnet(id)
                .orElseThrow(() -> ApiException.notFound("no subnet " + id + " is served"));
        JsonNode json = RequestBodies.parse(body);
        List<ApiError.FieldError> errors = new ArrayList<>();
        json.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(new ApiError.FieldError(name, null, "unknown field; known: address, mac"));
            }
        });
        Ipv4Address address = field(json, "address", errors, Ipv4Address::parse, "an IPv4 address (dotted quad)");
        MacAddress mac = field(json, "mac", errors, MacAddress::parse, "a MAC address (52:54:00:12:34:56)");
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (!current.cidr().contains(address)) {
            throw ApiException.refused(address + " is not on subnet " + current.id());
        }
        if (!served.isPresent()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, new ApiError("unavailable",
                    "this node serves no subnets (a region): report to the rack that serves " + id, List.of()));
        }
        var command = new ReportAddressInUse(current.id(), address, mac, clock.instant());
        InUseOutcome outcome;
        try {
            outcome = commands.get().sendAndWait(command);
        } catch (RuntimeException e) {
            throw SubnetCommands.refusal(e, command).orElseThrow(() -> e);
        }
        return new Report(current.id().value(), address.toString(), mac.toString(), outcome.name());
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T field(JsonNode json, String name, List<ApiError.FieldError> errors, Parser<T> parser,
                               String expected) {
        JsonNode value = json.get(name);
        if (value == null || value.isNull()) {
            errors.add(new ApiError.FieldError(name, null, "required: " + expected));
            return null;
        }
        try {
            return parser.parse(value.asText());
        } catch (IllegalArgumentException e) {
            errors.add(new ApiError.FieldError(name, value.asText(), expected));
            return null;
        }
    }
}
