package io.leaseledger.wire.dhcp4;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Client machine identifier (option 97, RFC 4578 §2.3): a type octet (0 = GUID) and the
 * identifier bytes, kept as sent. Firmware copies the SMBIOS UUID, whose first three fields
 * are little-endian on most machines; {@link #uuid()} reads the 16 bytes in network order as sent,
 * without guessing, so the same machine always yields the same value.
 */
public record ClientMachineId(int type, byte[] id) {

    public static final int GUID = 0;

    public ClientMachineId {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("machine id type is an octet: " + type);
        }
        if (id.length > 254) {
            throw new IllegalArgumentException("machine id longer than 254 bytes");
        }
        id = id.clone();
    }

    public static ClientMachineId of(UUID uuid) {
        return new ClientMachineId(GUID, ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
    }

    @Override
    public byte[] id() {
        return id.clone();
    }

    /** The GUID when the type is 0 and the identifier is 16 bytes, read in the order sent. */
    public Optional<UUID> uuid() {
        if (type != GUID || id.length != 16) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(id);
        return Optional.of(new UUID(b.getLong(), b.getLong()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientMachineId other && type == other.type && Arrays.equals(id, other.id);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(id);
    }

    @Override
    public String toString() {
        return uuid().map(u -> "guid:" + u).orElse("type" + type + ":" + HexFormat.of().formatHex(id));
    }
}
