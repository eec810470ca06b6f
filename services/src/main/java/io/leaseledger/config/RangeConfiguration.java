package io.leaseledger.config;

import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Ipv4Address;

/**
 * An address range of a subnet, first and last address included. Kept as two addresses rather
 * than an {@link AddressRange} so that a reversed range can be reported together with its other
 * faults instead of failing to exist.
 *
 * @param kind {@code dynamic} (MAAS's "reserved dynamic range": DHCP leases from it) or
 *             {@code reserved} (a managed subnet never hands these out)
 */
public record RangeConfiguration(Ipv4Address start, Ipv4Address end, RangeKind kind) {

    /** The range; only for a range that passed validation (start not after end). */
    public AddressRange range() {
        return new AddressRange(start, end);
    }

    boolean contains(Ipv4Address a) {
        return a.compareTo(start) >= 0 && a.compareTo(end) <= 0;
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
