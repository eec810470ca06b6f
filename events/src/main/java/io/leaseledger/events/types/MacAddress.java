package io.leaseledger.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * A client hardware address: the {@code htype} of the packet and the first {@code hlen} bytes
 * of {@code chaddr}. Ethernet (type 1) is 6 bytes. Written as "aa:bb:cc:dd:ee:ff" for Ethernet,
 * and as "TYPE/aa:bb:..." for every other hardware type (InfiniBand, IEEE 802, ...).
 *
 * <p>Immutable: the bytes are copied in and out.
 */
public record MacAddress(int hardwareType, byte[] bytes) {

    /** ARP hardware type 1, Ethernet (10Mb), what almost every DHCP client sends. */
    public static final int ETHERNET = 1;
    /** chaddr is 16 bytes on the wire. */
    public static final int MAX_LENGTH = 16;

    public MacAddress {
        if (hardwareType < 0 || hardwareType > 255) {
            throw new IllegalArgumentException("hardware type must be 0..255, got " + hardwareType);
        }
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("hardware address must have 1.." + MAX_LENGTH
                    + " bytes, got " + (bytes == null ? "null" : bytes.length));
        }
        if (hardwareType == ETHERNET && bytes.length != 6) {
            throw new IllegalArgumentException("an Ethernet hardware address has 6 bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static MacAddress ethernet(byte[] bytes) {
        return new MacAddress(ETHERNET, bytes);
    }

    /** Parses "aa:bb:cc:dd:ee:ff" (Ethernet) or "TYPE/hex:octets". */
    @JsonCreator
    public static MacAddress parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("hardware address must not be null");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new MacAddress(ETHERNET, Hex.parse(text, "hardware address"));
        }
        int type;
        try {
            type = Integer.parseInt(text.substring(0, slash));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hardware type is not a number in \"" + text + "\"");
        }
        return new MacAddress(type, Hex.parse(text.substring(slash + 1), "hardware address"));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MacAddress other && hardwareType == other.hardwareType && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * hardwareType + Arrays.hashCode(bytes);
    }

    @JsonValue
    @Override
    public String toString() {
        return hardwareType == ETHERNET ? Hex.format(bytes) : hardwareType + "/" + Hex.format(bytes);
    }
}
