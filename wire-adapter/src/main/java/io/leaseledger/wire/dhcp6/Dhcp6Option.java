package io.leaseledger.wire.dhcp6;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One DHCPv6 option as it was on the wire: its code and its value's bytes, kept unparsed so that
 * an option this server does not know round-trips byte for byte. Typed reads are in
 * {@link Dhcp6Options}.
 */
public record Dhcp6Option(int code, byte[] data) {

    public static final int MAX_LENGTH = 0xFFFF;

    public Dhcp6Option {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("option code out of range 0..65535: " + code);
        }
        if (data == null || data.length > MAX_LENGTH) {
            throw new IllegalArgumentException("option " + code + " value must be 0.." + MAX_LENGTH + " bytes");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The value's length without a copy. */
    public int length() {
        return data.length;
    }

    byte[] raw() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dhcp6Option other && other.code == code && Arrays.equals(other.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * code + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return code + "=" + HexFormat.ofDelimiter(":").formatHex(data);
    }
}
