package io.leaseledger.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 address held in one {@code int} (network byte order: the first octet is the most
 * significant byte). Compared as an unsigned number, so 198.18.0.10 sorts after 198.18.0.9.
 * Written and read as dotted quad ("198.18.3.7"). The one IPv4 type of the code base: events,
 * configuration, and the wire codec, whose messages keep addresses as plain {@code int}s (so
 * decoding allocates nothing for them) and use this type as their typed view.
 */
public record Ipv4Address(int value) implements Comparable<Ipv4Address> {

    /** 0.0.0.0: "no address" in ciaddr, yiaddr, giaddr. */
    public static final Ipv4Address ANY = new Ipv4Address(0);
    /** 255.255.255.255, the limited broadcast. */
    public static final Ipv4Address BROADCAST = new Ipv4Address(-1);

    public static Ipv4Address of(int value) {
        return new Ipv4Address(value);
    }

    public static Ipv4Address of(int a, int b, int c, int d) {
        for (int octet : new int[] {a, b, c, d}) {
            if (octet < 0 || octet > 255) {
                throw new IllegalArgumentException("IPv4 octet out of range 0..255: " + octet);
            }
        }
        return new Ipv4Address(a << 24 | b << 16 | c << 8 | d);
    }

    /** From the four bytes of a packet field, most significant first. */
    public static Ipv4Address of(byte[] bytes) {
        if (bytes == null || bytes.length != 4) {
            throw new IllegalArgumentException("an IPv4 address has 4 bytes, got "
                    + (bytes == null ? "null" : bytes.length));
        }
        return new Ipv4Address((bytes[0] & 0xFF) << 24 | (bytes[1] & 0xFF) << 16
                | (bytes[2] & 0xFF) << 8 | bytes[3] & 0xFF);
    }

    /**
     * Parses strict dotted quad: four decimal octets 0..255, no leading zeros (which some
     * tools read as octal), no spaces.
     */
    @JsonCreator
    public static Ipv4Address parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("IPv4 address must not be null");
        }
        int value = 0;
        int octets = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                int len = i - start;
                if (len == 0 || len > 3 || (len > 1 && text.charAt(start) == '0') || octets == 4) {
                    throw invalid(text);
                }
                int octet = 0;
                for (int j = start; j < i; j++) {
                    char c = text.charAt(j);
                    if (c < '0' || c > '9') {
                        throw invalid(text);
                    }
                    octet = octet * 10 + (c - '0');
                }
                if (octet > 255) {
                    throw invalid(text);
                }
                value = value << 8 | octet;
                octets++;
                start = i + 1;
            }
        }
        if (octets != 4) {
            throw invalid(text);
        }
        return new Ipv4Address(value);
    }

    /** {@link #parse(String)}'s value, for the codec's plain {@code int} fields. */
    public static int parseBits(String text) {
        return parse(text).value;
    }

    public static Ipv4Address of(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            throw new IllegalArgumentException("not an IPv4 address: " + address);
        }
        return of(address.getAddress());
    }

    /** The dotted quad of {@code value}, without allocating an {@code Ipv4Address}. */
    public static String format(int value) {
        return (value >>> 24) + "." + (value >>> 16 & 0xFF) + "." + (value >>> 8 & 0xFF) + "." + (value & 0xFF);
    }

    public static Inet4Address toInetAddress(int value) {
        try {
            return (Inet4Address) InetAddress.getByAddress(
                    new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
        } catch (UnknownHostException impossible) {
            throw new AssertionError("four bytes are always a valid IPv4 address", impossible);
        }
    }

    public Inet4Address toInetAddress() {
        return toInetAddress(value);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("not an IPv4 address (dotted quad): \"" + text + "\"");
    }

    public byte[] toBytes() {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** The address as an unsigned number, 0..2^32-1. */
    public long toUnsigned() {
        return Integer.toUnsignedLong(value);
    }

    public boolean isAny() {
        return value == 0;
    }

    /** The address {@code offset} further on (wraps around 2^32). */
    public Ipv4Address plus(long offset) {
        return new Ipv4Address((int) (toUnsigned() + offset));
    }

    @Override
    public int compareTo(Ipv4Address other) {
        return Integer.compareUnsigned(value, other.value);
    }

    @JsonValue
    @Override
    public String toString() {
        return format(value);
    }
}
