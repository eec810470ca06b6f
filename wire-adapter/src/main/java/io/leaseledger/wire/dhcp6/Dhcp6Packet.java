package io.leaseledger.wire.dhcp6;

import java.net.Inet6Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A DHCPv6 message (RFC 8415 §8, §9): between client and server, or between relay agents and
 * server. Options stay in their wire order; {@link Dhcp6Codec} writes them back in that order.
 */
public sealed interface Dhcp6Packet {

    /** The message type byte; {@link Dhcp6MessageType#of} names it when RFC 8415 defines it. */
    int type();

    List<Dhcp6Option> options();

    /** The first option with {@code code}, if any. */
    default Optional<Dhcp6Option> option(int code) {
        for (Dhcp6Option option : options()) {
            if (option.code() == code) {
                return Optional.of(option);
            }
        }
        return Optional.empty();
    }

    /** Every option with {@code code}, in wire order (a message may carry several IA_NA, for one). */
    default List<Dhcp6Option> options(int code) {
        return options().stream().filter(o -> o.code() == code).toList();
    }

    /**
     * A client/server message: type, 24-bit transaction id, options.
     *
     * @param transactionId 0..0xFFFFFF
     */
    record Message(int type, int transactionId, List<Dhcp6Option> options) implements Dhcp6Packet {
        public Message {
            if (type < 0 || type > 0xFF || Dhcp6MessageType.of(type).map(Dhcp6MessageType::relay).orElse(false)) {
                throw new IllegalArgumentException("not a client/server message type: " + type);
            }
            if (transactionId < 0 || transactionId > 0xFFFFFF) {
                throw new IllegalArgumentException("transaction id out of range 0..0xFFFFFF: " + transactionId);
            }
            options = List.copyOf(options);
        }

        public Message(Dhcp6MessageType type, int transactionId, List<Dhcp6Option> options) {
            this(type.value(), transactionId, options);
        }

        @Override
        public String toString() {
            return Dhcp6MessageType.of(type).map(Enum::name).orElse("type " + type)
                    + String.format(" xid=%06x ", transactionId) + options;
        }
    }

    /**
     * A RELAY-FORW or RELAY-REPL: the relay's hop count, the link it heard the client on (or ::),
     * the address it heard the client from, and options — among them the Relay Message option
     * carrying the message it relays ({@link #relayed}).
     */
    record Relay(int type, int hopCount, Inet6Address linkAddress, Inet6Address peerAddress,
                 List<Dhcp6Option> options) implements Dhcp6Packet {
        public Relay {
            if (type != Dhcp6MessageType.RELAY_FORW.value() && type != Dhcp6MessageType.RELAY_REPL.value()) {
                throw new IllegalArgumentException("not a relay message type: " + type);
            }
            if (hopCount < 0 || hopCount > 0xFF) {
                throw new IllegalArgumentException("hop count out of range 0..255: " + hopCount);
            }
            Objects.requireNonNull(linkAddress, "linkAddress");
            Objects.requireNonNull(peerAddress, "peerAddress");
            options = List.copyOf(options);
        }

        /** The relayed message, decoded; throws {@link Dhcp6DecodeException} when it is missing or malformed. */
        public Dhcp6Packet relayed() {
            Dhcp6Option carried = option(Dhcp6Options.RELAY_MSG).orElseThrow(() ->
                    new Dhcp6DecodeException(Dhcp6DecodeException.Reason.BAD_RELAY, "no Relay Message option"));
            return Dhcp6Codec.decode(carried.raw());
        }

        @Override
        public String toString() {
            return Dhcp6MessageType.of(type).map(Enum::name).orElseThrow() + " hops=" + hopCount + " link="
                    + linkAddress.getHostAddress() + " peer=" + peerAddress.getHostAddress() + " " + options;
        }
    }
}
