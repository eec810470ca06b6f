package io.leaseledger.api;

import io.leaseledger.api.auth.RequiresRole;
import io.leaseledger.api.auth.Role;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.server.ForeignDhcpServers;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.List;

/**
 * The other DHCP servers this node has heard on its served links since it started (read-only
 * role): what MAAS shows as "external DHCP server detected". Their sightings are also in the
 * event log, so in the transaction log of the node and of a region ({@code FOREIGN_SERVER}). See
 * docs/wire.md, "Other DHCP servers on the link".
 */
@Controller("/api/v1/foreign-dhcp-servers")
@RequiresRole(Role.READ_ONLY)
public final class ForeignDhcpController {
    private final BeanProvider<ForeignDhcpServers> registry;

    /** @param registry present on a node that serves DHCP; a region answers 503 (it hears no link) */
    public ForeignDhcpController(BeanProvider<ForeignDhcpServers> registry) {
        this.registry = registry;
    }

    /** One server on one interface; the address and MAC it sent from, its replies and the last one. */
    public record Server(String iface, String server, String sourceAddress, @Nullable String sourceMac,
                         String firstHeard, String lastHeard, long replies, String lastMessageType,
                         String lastClient, @Nullable String lastOffered) {
    }

    /**
     * {@code listening}: the interfaces heard (empty when the listener is off, the kernel refused
     * it, or the node serves only bind addresses); {@code servers}: most recently heard first;
     * {@code unremembered}: replies of servers beyond the list's capacity.
     */
    public record Answer(List<String> listening, List<Server> servers, long unremembered) {
    }

    @Get
    public Answer list() throws ApiException {
        if (!registry.isPresent()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, new ApiError("unavailable",
                    "this node serves no DHCP (a region): the racks' sightings are in /api/v1/log?decision=foreign-server",
                    List.of()));
        }
        ForeignDhcpServers servers = registry.get();
        return new Answer(servers.interfaces(), servers.servers().stream()
                .map(s -> new Server(s.iface(), s.server().toString(), s.sourceAddress().toString(),
                        s.sourceMac().map(MacAddress::toString).orElse(null), s.firstHeard().toString(),
                        s.lastHeard().toString(), s.replies(), s.lastMessageType(), s.lastClient(),
                        s.lastOffered().map(Ipv4Address::toString).orElse(null)))
                .toList(), servers.unremembered());
    }
}
