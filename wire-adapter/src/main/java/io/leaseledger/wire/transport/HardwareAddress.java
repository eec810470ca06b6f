package io.leaseledger.wire.transport;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A client hardware address as the BOOTP header carries it: {@code htype} (ARP hardware type,
 * 1 = Ethernet) and the first {@code hlen} bytes of {@code chaddr}.
 *
 * @param htype ARP hardware type, 0..255
 * @param bytes the address, 0..16 bytes (the size of {@code chaddr}); copied in and out
 */
public record HardwareAddress(int htype, byte[] bytes) {

    /** ARP hardware type of Ethernet (RFC 1700, "Hardware Type"). */
    public static final int HTYPE_ETHERNET = 1;

    public HardwareAddress {
        if (htype < 0 || htype > 255) {
            throw new IllegalArgumentException("htype out of range 0..255: " + htype);
        }
        if (bytes == null || bytes.length > 16) {
            throw new IllegalArgumentException("a hardware address has 0..16 bytes (chaddr is 16 bytes)");
        }
        bytes = bytes.clone();
    }

    /** An Ethernet MAC address from six bytes. */
    public static HardwareAddress ethernet(byte[] mac) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("an Ethernet address has 6 bytes, not " + mac.length);
        }
        return new HardwareAddress(HTYPE_ETHERNET, mac);
    }

    /** An Ethernet MAC address written as {@code aa:bb:cc:dd:ee:ff}. */
    public static HardwareAddress ethernet(String mac) {
        return ethernet(HexFormat.ofDelimiter(":").parseHex(mac));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@code hlen}: the number of meaningful bytes. */
    public int length() {
        return bytes.length;
    }

    /** True for a 6-byte Ethernet address: the only kind the kernel's ARP table takes from us. */
    public boolean isEthernet() {
        return htype == HTYPE_ETHERNET && bytes.length == 6;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HardwareAddress that && htype == that.htype && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * htype + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(bytes) + (htype == HTYPE_ETHERNET ? "" : " (htype " + htype + ")");
    }
}
