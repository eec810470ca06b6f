package io.leaseledger.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Opaque bytes from the wire or for the wire (relay circuit id, remote id, an option payload),
 * at most 255 of them: the most one DHCP option or sub-option can hold without splitting.
 * Written as colon hex; may be empty (written as "").
 */
public record Octets(byte[] bytes) {

    public static final int MAX_LENGTH = 255;
    public static final Octets EMPTY = new Octets(new byte[0]);

    public Octets {
        if (bytes == null || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("octets must be 0.." + MAX_LENGTH + " bytes, got "
                    + (bytes == null ? "null" : bytes.length));
        }
        bytes = bytes.clone();
    }

    @JsonCreator
    public static Octets parse(String text) {
        if (text != null && text.isEmpty()) {
            return EMPTY;
        }
        return new Octets(Hex.parse(text, "octets"));
    }

    public static Octets ascii(String text) {
        return new Octets(text.getBytes(StandardCharsets.US_ASCII));
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
        return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @JsonValue
    @Override
    public String toString() {
        return Hex.format(bytes);
    }
}
