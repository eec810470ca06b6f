package io.leaseledger.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An inclusive run of addresses, first..last. Written as "198.18.1.10-198.18.1.200".
 * Whether it lies inside a subnet is checked with {@link #within(Cidr)} by whoever owns the subnet.
 */
public record AddressRange(Ipv4Address first, Ipv4Address last) {

    public AddressRange {
        if (first == null || last == null) {
            throw new IllegalArgumentException("range bounds must not be null");
        }
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("range first address " + first + " is after its last " + last);
        }
    }

    public static AddressRange of(String first, String last) {
        return new AddressRange(Ipv4Address.parse(first), Ipv4Address.parse(last));
    }

    /** Parses "first-last" (a single address "a" is the range a-a). */
    @JsonCreator
    public static AddressRange parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("address range must not be null");
        }
        int dash = text.indexOf('-');
        if (dash < 0) {
            Ipv4Address only = Ipv4Address.parse(text.strip());
            return new AddressRange(only, only);
        }
        return new AddressRange(Ipv4Address.parse(text.substring(0, dash).strip()),
                Ipv4Address.parse(text.substring(dash + 1).strip()));
    }

    public long size() {
        return last.toUnsigned() - first.toUnsigned() + 1;
    }

    public boolean contains(Ipv4Address address) {
        return address.compareTo(first) >= 0 && address.compareTo(last) <= 0;
    }

    public boolean overlaps(AddressRange other) {
        return first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    /** True when every address lies on hosts of the subnet (not its network or broadcast address). */
    public boolean within(Cidr cidr) {
        return cidr.isHostAddress(first) && cidr.isHostAddress(last);
    }

    @JsonValue
    @Override
    public String toString() {
        return first + "-" + last;
    }
}
