package io.leaseledger.wire.reply;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which subnet a request is for. The first of these that the request has decides, and the
 * others are not tried when it names no served subnet (a relay or client that names a link means
 * that link; answering from another one would hand out a wrong address):
 * <ol>
 *   <li>the relay's link-selection sub-option 82/5 (RFC 3527), only in a relayed request;</li>
 *   <li>the subnet-selection option 118 (RFC 3011);</li>
 *   <li>the relay's {@code giaddr} (RFC 2131 §4.3.1);</li>
 *   <li>the addresses of the interface the request arrived on, in order (a link may carry several subnets);</li>
 *   <li>the client's {@code ciaddr}, for a unicast RENEW or INFORM reaching an address binding,
 *       which belongs to no link.</li>
 * </ol>
 * A malformed option 82 or 118 counts as absent. Pure: no state, no I/O.
 */
public final class SubnetSelection {

    /** What decided the subnet. */
    public enum Source { LINK_SELECTION, SUBNET_SELECTION_OPTION, GIADDR, INTERFACE, CIADDR }

    /** The address a subnet is looked up by, and where it came from. */
    public record Selector(Ipv4Address address, Source source) {}

    private SubnetSelection() {}

    /** The selectors of {@code request} in the order they are tried: one, or the interface's addresses. */
    public static List<Selector> selectors(Dhcp4Message request, List<Ipv4Address> interfaceAddresses) {
        if (request.giaddr() != 0) {
            Optional<Ipv4Address> link = read(() -> request.get(OptionCatalog.RELAY_AGENT_INFORMATION)
                    .flatMap(RelayAgentInformation::linkSelection));
            if (link.isPresent()) {
                return List.of(new Selector(link.get(), Source.LINK_SELECTION));
            }
        }
        Optional<Ipv4Address> option118 = read(() -> request.get(OptionCatalog.SUBNET_SELECTION));
        if (option118.isPresent()) {
            return List.of(new Selector(option118.get(), Source.SUBNET_SELECTION_OPTION));
        }
        if (request.giaddr() != 0) {
            return List.of(new Selector(Ipv4Address.of(request.giaddr()), Source.GIADDR));
        }
        if (!interfaceAddresses.isEmpty()) {
            return interfaceAddresses.stream().map(a -> new Selector(a, Source.INTERFACE)).toList();
        }
        if (request.ciaddr() != 0) {
            return List.of(new Selector(Ipv4Address.of(request.ciaddr()), Source.CIADDR));
        }
        return List.of();
    }

    /**
     * The subnet of {@code request}: the first selector whose address {@code subnetOf} maps to a
     * served subnet; empty when none does (the request is not for this server).
     */
    public static <S> Optional<S> select(Dhcp4Message request, List<Ipv4Address> interfaceAddresses,
            Function<Ipv4Address, Optional<S>> subnetOf) {
        for (Selector s : selectors(request, interfaceAddresses)) {
            Optional<S> subnet = subnetOf.apply(s.address());
            if (subnet.isPresent()) {
                return subnet;
            }
        }
        return Optional.empty();
    }

    private static Optional<Ipv4Address> read(java.util.function.Supplier<Optional<Ipv4Address>> option) {
        try {
            return option.get().filter(a -> !a.isAny());
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }
}
