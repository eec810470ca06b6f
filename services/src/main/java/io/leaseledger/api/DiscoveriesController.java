package io.leaseledger.api;

import io.leaseledger.api.auth.RequiresRole;
import io.leaseledger.api.auth.Role;
import io.leaseledger.config.ConfiguredSubnet;
import io.leaseledger.config.SettingsView;
import io.leaseledger.events.subnet.ClearDiscoveries;
import io.leaseledger.events.types.Cidr;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.store.ServedSubnets;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.QueryValue;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code DELETE /api/v1/discoveries}: clears devices from the discovered devices list (MAAS: "clear
 * discoveries") — all of them, or those of a subnet, a MAC and/or an address. Each subnet it
 * reaches records one {@code ClearDiscoveries} (the log keeps who was heard, and that the list was
 * cleared); the list drops the rows as the projections follow. A device still on the link is
 * heard again and listed anew.
 */
@Controller("/api/v1/discoveries")
@RequiresRole(Role.OPERATOR)
public final class DiscoveriesController {
    private final BeanProvider<CommandGateway> commands;
    private final BeanProvider<ServedSubnets> served;
    private final SettingsView settings;
    private final Clock clock;

    /** @param served present on a node that serves DHCP; a region answers 503 (its lists come from the racks) */
    public DiscoveriesController(BeanProvider<CommandGateway> commands, BeanProvider<ServedSubnets> served,
                                 SettingsView settings, Clock clock) {
        this.commands = commands;
        this.served = served;
        this.settings = settings;
        this.clock = clock;
    }

    /** What was cleared: the subnets that recorded it, and the MAC and address it was limited to (null: any). */
    public record Cleared(List<String> subnets, String mac, String address) {}

    @Delete("{?subnet,mac,address}")
    public Cleared clear(@Nullable @QueryValue String subnet, @Nullable @QueryValue String mac,
                         @Nullable @QueryValue String address) throws ApiException {
        String cidr = QueryParams.subnet("subnet", subnet);
        MacAddress device = mac == null ? null : MacAddress.parse(QueryParams.mac("mac", mac));
        Ipv4Address at = address == null ? null : Ipv4Address.parse(QueryParams.address("address", address));
        if (!served.isPresent()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, new ApiError("unavailable",
                    "this node serves no subnets (a region): clear on the racks that serve them", List.of()));
        }
        List<ConfiguredSubnet> targets = targets(cidr == null ? null : SubnetId.of(Cidr.parse(cidr)), at);
        Instant now = clock.instant();
        List<String> cleared = new ArrayList<>();
        for (ConfiguredSubnet target : targets) {
            var command = new ClearDiscoveries(target.id(), device, at, now);
            try {
                if (commands.get().<Boolean>sendAndWait(command)) {
                    cleared.add(target.id().value());
                }
            } catch (RuntimeException e) {
                throw SubnetCommands.refusal(e, command).orElseThrow(() -> e);
            }
        }
        return new Cleared(cleared, device == null ? null : device.toString(), at == null ? null : at.toString());
    }

    /** The served subnets a clear goes to: the one named, the one holding the address, or all. */
    private List<ConfiguredSubnet> targets(SubnetId subnet, Ipv4Address address) throws ApiException {
        if (subnet != null) {
            ConfiguredSubnet named = settings.subnet(subnet)
                    .orElseThrow(() -> ApiException.notFound("no subnet " + subnet + " is served"));
            if (address != null && !named.cidr().contains(address)) {
                throw ApiException.invalid(new ApiError.FieldError("address", address.toString(), "not on subnet " + subnet));
            }
            return List.of(named);
        }
        if (address != null) {
            return List.of(settings.subnetContaining(address)
                    .orElseThrow(() -> ApiException.notFound("no served subnet holds " + address)));
        }
        return List.copyOf(settings.subnets());
    }
}
