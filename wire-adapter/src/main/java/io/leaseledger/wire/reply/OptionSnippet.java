package io.leaseledger.wire.reply;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One option as the operator configured it (a MAAS "DHCP snippet" reduced to what a DHCP server
 * actually sends): the code and its value bytes, already encoded from the typed YAML value.
 *
 * @param code       the option code, 1–254
 * @param value      the option value bytes (without code and length)
 * @param alwaysSend send it even when the client's parameter request list does not ask for it
 */
public record OptionSnippet(int code, byte[] value, boolean alwaysSend) {

    public OptionSnippet {
        if (code < 1 || code > 254) {
            throw new IllegalArgumentException("option code must be 1..254: " + code);
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionSnippet s && s.code == code && s.alwaysSend == alwaysSend && Arrays.equals(s.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * code + Arrays.hashCode(value)) + (alwaysSend ? 1 : 0);
    }

    @Override
    public String toString() {
        return "option " + code + "=" + HexFormat.of().formatHex(value) + (alwaysSend ? " (always)" : "");
    }
}
