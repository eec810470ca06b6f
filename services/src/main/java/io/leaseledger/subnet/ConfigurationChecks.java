package io.leaseledger.subnet;

import io.leaseledger.subnet.SubnetCommandRejected.Reason;

import io.leaseledger.events.subnet.RangeKind;
import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;

/** The invariants of a subnet's configuration; each failure names the subnet and the value. */
final class ConfigurationChecks {

    private final SubnetId subnetId;
    private final SubnetState state;

    ConfigurationChecks(SubnetId subnetId, SubnetState state) {
        this.subnetId = subnetId;
        this.state = state;
    }

    /** On the subnet's hosts, overlapping no other range; a reserved range covers no host reservation. */
    void checkAddRange(AddressRange range, RangeKind kind) {
        if (!range.within(state.cidr())) {
            throw reject(Reason.INVALID, "range " + range + " is not within the host addresses " + state.cidr().firstHost() + "-"
                    + state.cidr().lastHost());
        }
        RangeKind existing = state.rangeKindOf(range);
        if (existing == kind) {
            return;
        }
        for (var other : state.dynamicRanges()) {
            if (other.overlaps(range)) {
                throw reject(Reason.CONFLICT, kind.name().toLowerCase() + " range " + range + " overlaps dynamic range " + other);
            }
        }
        for (var other : state.reservedRanges()) {
            if (other.overlaps(range)) {
                throw reject(Reason.CONFLICT, kind.name().toLowerCase() + " range " + range + " overlaps reserved range " + other);
            }
        }
        if (kind == RangeKind.DYNAMIC && state.pool().size() + range.size() > Pool.MAX_SIZE) {
            throw reject(Reason.INVALID, "dynamic range " + range + " would make the pool larger than " + Pool.MAX_SIZE + " addresses");
        }
        if (kind == RangeKind.RESERVED) {
            for (Ipv4Address address : state.reservedAddresses()) {
                if (range.contains(address)) {
                    throw reject(Reason.CONFLICT, "reserved range " + range + " covers the host reservation of " + address
                            + " (nothing inside a reserved range is ever assigned)");
                }
            }
        }
    }

    /** A host address of the subnet, outside reserved ranges, not reserved for another MAC. */
    void checkReservation(MacAddress mac, Ipv4Address address) {
        if (!state.cidr().isHostAddress(address)) {
            throw reject(Reason.INVALID, "reservation " + address + " for " + mac + " is not a host address of " + state.cidr());
        }
        if (state.inReservedRange(address)) {
            throw reject(Reason.INVALID, "reservation " + address + " for " + mac
                    + " lies in a reserved range (nothing inside a reserved range is ever assigned)");
        }
        var current = state.reservationAt(address);
        if (current != null && !current.mac().equals(mac)) {
            throw reject(Reason.CONFLICT, "address " + address + " is already reserved for " + current.mac() + ", cannot reserve it for "
                    + mac);
        }
    }

    private SubnetCommandRejected reject(Reason reason, String why) {
        return new SubnetCommandRejected(reason, "subnet " + subnetId + ": " + why);
    }
}
