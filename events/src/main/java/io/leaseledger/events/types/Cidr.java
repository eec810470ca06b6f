package io.leaseledger.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An IPv4 network: its network address and prefix length, with no host bits set
 * ("198.18.0.0/16" is valid, "198.18.0.1/16" is rejected so that one subnet has one spelling).
 */
public record Cidr(Ipv4Address network, int prefix) {

    public Cidr {
        if (network == null) {
            throw new IllegalArgumentException("network address must not be null");
        }
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix length must be 0..32, got " + prefix);
        }
        if ((network.value() & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException("host bits set in " + network + "/" + prefix
                    + " (the network is " + Ipv4Address.of(network.value() & mask(prefix)) + "/" + prefix + ")");
        }
    }

    /** Parses "198.18.0.0/16". */
    @JsonCreator
    public static Cidr parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("CIDR must not be null");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("CIDR needs a prefix length, as in 198.18.0.0/16: \"" + text + "\"");
        }
        String bits = text.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 2 || !bits.chars().allMatch(Character::isDigit)
                || (bits.length() > 1 && bits.charAt(0) == '0')) {
            throw new IllegalArgumentException("CIDR prefix length is not 0..32: \"" + text + "\"");
        }
        return new Cidr(Ipv4Address.parse(text.substring(0, slash)), Integer.parseInt(bits));
    }

    private static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public Ipv4Address netmask() {
        return Ipv4Address.of(mask(prefix));
    }

    public boolean contains(Ipv4Address address) {
        return (address.value() & mask(prefix)) == network.value();
    }

    /** Number of addresses, network and broadcast included (2^(32-prefix)). */
    public long size() {
        return 1L << (32 - prefix);
    }

    public Ipv4Address broadcast() {
        return Ipv4Address.of(network.value() | ~mask(prefix));
    }

    /** The first address a host may use: the network address itself on /31 (RFC 3021) and /32. */
    public Ipv4Address firstHost() {
        return prefix >= 31 ? network : network.plus(1);
    }

    /** The last address a host may use: the broadcast address itself on /31 (RFC 3021) and /32. */
    public Ipv4Address lastHost() {
        return prefix >= 31 ? broadcast() : broadcast().plus(-1);
    }

    /** True when a host may hold the address: inside, and not the network or broadcast address. */
    public boolean isHostAddress(Ipv4Address address) {
        return contains(address) && address.compareTo(firstHost()) >= 0 && address.compareTo(lastHost()) <= 0;
    }

    @JsonValue
    @Override
    public String toString() {
        return network + "/" + prefix;
    }
}
