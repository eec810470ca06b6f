package io.leaseledger.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;

/**
 * A DHCP Unique Identifier (RFC 8415 §11): a 2-octet type code and 1..128 octets of identifier.
 * Identifies a DHCPv6 client or server for as long as it exists. Written as colon hex.
 */
public record Duid(byte[] bytes) {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 130;
    /** DUID-UUID (RFC 6355). */
    public static final int TYPE_UUID = 4;

    public Duid {
        if (bytes == null || bytes.length < MIN_LENGTH || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("a DUID is a 2-octet type and 1..128 octets (RFC 8415 §11.1), "
                    + MIN_LENGTH + ".." + MAX_LENGTH + " octets in all, got " + (bytes == null ? "null" : bytes.length));
        }
        bytes = bytes.clone();
    }

    @JsonCreator
    public static Duid parse(String text) {
        return new Duid(Hex.parse(text, "DUID"));
    }

    /** A DUID-UUID (RFC 6355): type 4 and the UUID's 16 octets. */
    public static Duid uuid(UUID uuid) {
        return new Duid(ByteBuffer.allocate(18).putShort((short) TYPE_UUID)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
    }

    /** The type code (1 DUID-LLT, 2 DUID-EN, 3 DUID-LL, 4 DUID-UUID). */
    public int type() {
        return (bytes[0] & 0xFF) << 8 | bytes[1] & 0xFF;
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether {@code other} holds the same octets, without a copy. */
    public boolean matches(byte[] other) {
        return Arrays.equals(bytes, other);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Duid other && Arrays.equals(bytes, other.bytes);
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
