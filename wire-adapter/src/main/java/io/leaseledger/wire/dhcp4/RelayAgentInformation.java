package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Relay agent information (option 82, RFC 3046) as its sub-options, in the order the relay sent
 * them. Unknown sub-options are kept. Sub-options the server acts on: circuit-id (1) and
 * remote-id (2) (RFC 3046), link-selection (5, RFC 3527) and server-identifier-override
 * (11, RFC 5107); the reader guarantees the last two are 4 bytes.
 */
public record RelayAgentInformation(List<SubOption> subOptions) {

    public static final int CIRCUIT_ID = 1;
    public static final int REMOTE_ID = 2;
    public static final int LINK_SELECTION = 5;
    public static final int SERVER_ID_OVERRIDE = 11;

    /** One sub-option: code and raw value. */
    public record SubOption(int code, byte[] value) {
        public SubOption {
            if (code < 0 || code > 255 || value.length > 255) {
                throw new IllegalArgumentException("sub-option code is an octet and value at most 255 bytes");
            }
            if ((code == LINK_SELECTION || code == SERVER_ID_OVERRIDE) && value.length != 4) {
                throw new IllegalArgumentException("sub-option " + code + " holds one IPv4 address");
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SubOption s && code == s.code && Arrays.equals(value, s.value);
        }

        @Override
        public int hashCode() {
            return 31 * code + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return code + "=" + HexFormat.of().formatHex(value);
        }
    }

    public RelayAgentInformation {
        subOptions = List.copyOf(subOptions);
    }

    public static RelayAgentInformation of(SubOption... subOptions) {
        return new RelayAgentInformation(List.of(subOptions));
    }

    public static SubOption circuitId(byte[] value) {
        return new SubOption(CIRCUIT_ID, value);
    }

    public static SubOption remoteId(byte[] value) {
        return new SubOption(REMOTE_ID, value);
    }

    public static SubOption linkSelection(Ipv4Address link) {
        return new SubOption(LINK_SELECTION, OptionValues.ipv4Bytes(link.value()));
    }

    public static SubOption serverIdOverride(Ipv4Address server) {
        return new SubOption(SERVER_ID_OVERRIDE, OptionValues.ipv4Bytes(server.value()));
    }

    /** The first sub-option with {@code code}. */
    public Optional<byte[]> subOption(int code) {
        for (SubOption s : subOptions) {
            if (s.code() == code) {
                return Optional.of(s.value());
            }
        }
        return Optional.empty();
    }

    public Optional<byte[]> circuitId() {
        return subOption(CIRCUIT_ID);
    }

    public Optional<byte[]> remoteId() {
        return subOption(REMOTE_ID);
    }

    /** RFC 3527: the subnet the client is on, when the relay's giaddr is not on it. */
    public Optional<Ipv4Address> linkSelection() {
        return subOption(LINK_SELECTION).map(v -> Ipv4Address.of(OptionValues.ipv4(v, 0)));
    }

    /** RFC 5107: the address the client must use as server identifier (the relay's). */
    public Optional<Ipv4Address> serverIdOverride() {
        return subOption(SERVER_ID_OVERRIDE).map(v -> Ipv4Address.of(OptionValues.ipv4(v, 0)));
    }

    /** A copy with {@code subOption} appended. */
    public RelayAgentInformation with(SubOption subOption) {
        List<SubOption> all = new ArrayList<>(subOptions);
        all.add(subOption);
        return new RelayAgentInformation(all);
    }
}
