package io.leaseledger.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The client identifier, option 61 (RFC 2132 §9.14): a type octet followed by the identifier
 * (type 1 + MAC for most clients, 255 + IAID + DUID per RFC 4361). At least 2 octets long,
 * at most 255. Written as colon hex ("01:aa:bb:cc:dd:ee:ff").
 */
public record ClientId(byte[] bytes) {

    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 255;

    public ClientId {
        if (bytes == null || bytes.length < MIN_LENGTH || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("client identifier (option 61) must have " + MIN_LENGTH + ".."
                    + MAX_LENGTH + " octets (RFC 2132 §9.14), got " + (bytes == null ? "null" : bytes.length));
        }
        bytes = bytes.clone();
    }

    @JsonCreator
    public static ClientId parse(String text) {
        return new ClientId(Hex.parse(text, "client identifier"));
    }

    /** The type octet (1 = hardware address follows, 255 = RFC 4361 IAID + DUID, 0 = opaque). */
    public int type() {
        return bytes[0] & 0xFF;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientId other && Arrays.equals(bytes, other.bytes);
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
