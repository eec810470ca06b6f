package io.leaseledger.streaming;

import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which records {@code tail} shows: any of these subnets, this MAC, any of these event types
 * (simple names, any case); an empty criterion lets everything through.
 */
public record StreamFilter(Set<String> subnets, Optional<String> mac, Set<String> types) {

    public static final StreamFilter EVERYTHING = new StreamFilter(Set.of(), Optional.empty(), Set.of());

    /** Parses and normalises the criteria; a bad one throws {@link IllegalArgumentException} naming it. */
    public static StreamFilter of(List<String> subnets, String mac, List<String> types) {
        Set<String> s = subnets.stream().map(v -> {
            try {
                return SubnetId.of(io.leaseledger.events.types.Cidr.parse(v)).toString();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--subnet " + v + ": not a subnet in CIDR form (198.18.0.0/16)");
            }
        }).collect(Collectors.toUnmodifiableSet());
        Optional<String> m = Optional.ofNullable(mac).map(v -> {
            try {
                return MacAddress.parse(v.toLowerCase(Locale.ROOT)).toString();
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--mac " + v + ": not a MAC address (52:54:00:12:34:56)");
            }
        });
        Set<String> t = types.stream().map(v -> EventTypes.simpleName(v).toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        return new StreamFilter(s, m, t);
    }

    /**
     * Whether an event of {@code subnet} and type {@code simpleType} ({@code LeaseGranted}) can
     * pass, before its body is read: false only when the subnet or type criterion excludes it.
     */
    public boolean mayMatch(String subnet, String simpleType) {
        return (subnets.isEmpty() || subnets.contains(subnet))
                && (types.isEmpty() || types.contains(simpleType.toLowerCase(Locale.ROOT)));
    }

    public boolean matches(StreamRecord r) {
        return (subnets.isEmpty() || r.subnet().filter(subnets::contains).isPresent())
                && (mac.isEmpty() || r.mac().equals(mac))
                && (types.isEmpty() || types.contains(r.simpleType().toLowerCase(Locale.ROOT)));
    }
}
