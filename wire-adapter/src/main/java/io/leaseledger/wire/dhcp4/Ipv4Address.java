package io.leaseledger.wire.dhcp4;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 address as its 32 bits, most significant octet first ({@code 192.0.2.1} is {@code 0xC0000201}).
 * The message keeps addresses as plain {@code int}s so decoding allocates nothing for them; this
 * type is the typed view and the conversions (dotted quad, {@link InetAddress}).
 */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {

    public static final Ipv4Address ANY = new Ipv4Address(0);
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);

    public static Ipv4Address of(int bits) {
        return bits == 0 ? ANY : new Ipv4Address(bits);
    }

    public static Ipv4Address of(int a, int b, int c, int d) {
        for (int octet : new int[] {a, b, c, d}) {
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("octet out of range 0..255: " + octet);
            }
        }
        return new Ipv4Address(a << 24 | b << 16 | c << 8 | d);
    }

    /** Parses a dotted quad strictly: four decimal octets, no leading '+', no host names. */
    public static Ipv4Address parse(String dotted) {
        return new Ipv4Address(parseBits(dotted));
    }

    /** {@link #parse(String)} returning the bits. */
    public static int parseBits(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + dotted);
        }
        int bits = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("not a dotted-quad IPv4 address: " + dotted);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("octet above 255 in " + dotted);
            }
            bits = bits << 8 | octet;
        }
        return bits;
    }

    public static Ipv4Address of(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        byte[] b = address.getAddress();
        return new Ipv4Address((b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF);
    }

    /** The dotted quad of {@code bits}, without allocating an {@code Ipv4Address}. */
    public static String format(int bits) {
        return (bits >>> 24) + "." + (bits >>> 16 & 0xFF) + "." + (bits >>> 8 & 0xFF) + "." + (bits & 0xFF);
    }

    public static Inet4Address toInetAddress(int bits) {
        try {
            return (Inet4Address) InetAddress.getByAddress(
                    new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
        } catch (UnknownHostException impossible) {
            throw new AssertionError("four bytes are always a valid IPv4 address", impossible);
        }
    }

    public Inet4Address toInetAddress() {
        return toInetAddress(bits);
    }

    public boolean isAny() {
        return bits == 0;
    }

    @Override
    public int compareTo(Ipv4Address o) {
        return Integer.compareUnsigned(bits, o.bits);
    }

    @Override
    public String toString() {
        return format(bits);
    }
}
