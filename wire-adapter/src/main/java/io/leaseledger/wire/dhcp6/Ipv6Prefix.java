package io.leaseledger.wire.dhcp6;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;

/** An IPv6 prefix, {@code 2001:db8:1::/64}: the network's bits, the rest zero. */
public record Ipv6Prefix(Inet6Address network, int length) {

    public Ipv6Prefix {
        Objects.requireNonNull(network, "network");
        if (length < 0 || length > 128) {
            throw new IllegalArgumentException("prefix length must be 0..128, got " + length);
        }
        byte[] bytes = network.getAddress();
        if (!Arrays.equals(bytes, masked(bytes, length))) {
            throw new IllegalArgumentException("host bits set in " + text(network) + "/" + length
                    + ": the network is " + literal(masked(bytes, length)) + "/" + length);
        }
    }

    /** Parses {@code address/length}; a typed {@link IllegalArgumentException} names what is wrong. */
    public static Ipv6Prefix parse(String text) {
        int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an IPv6 prefix (address/length): " + text);
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix length in " + text);
        }
        return new Ipv6Prefix(address(text.substring(0, slash)), length);
    }

    /** An IPv6 address literal (no host names, no IPv4 addresses, no scope). */
    public static Inet6Address address(String literal) {
        if (literal == null || literal.indexOf(':') < 0 || literal.indexOf('%') >= 0) {
            throw new IllegalArgumentException("not an IPv6 address literal: " + literal);
        }
        try {
            // A literal with ':' is never looked up in DNS.
            InetAddress parsed = InetAddress.getByName(literal);
            if (!(parsed instanceof Inet6Address v6)) {
                throw new IllegalArgumentException("an IPv4-mapped address is not an IPv6 address here: " + literal);
            }
            return v6;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address literal: " + literal);
        }
    }

    public boolean contains(Inet6Address address) {
        return Arrays.equals(masked(address.getAddress(), length), network.getAddress());
    }

    private static byte[] masked(byte[] bytes, int length) {
        byte[] out = bytes.clone();
        for (int i = 0; i < 16; i++) {
            int keep = Math.clamp(length - i * 8L, 0, 8);
            out[i] &= (byte) (0xFF00 >>> keep);
        }
        return out;
    }

    private static String literal(byte[] bytes) {
        return text(Dhcp6Codec.address(bytes, 0));
    }

    /** RFC 5952's text: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
    public static String text(Inet6Address address) {
        return NetUtil.toAddressString(address);
    }

    @Override
    public String toString() {
        return text(network) + "/" + length;
    }
}
