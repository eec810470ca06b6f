package io.leaseledger.wire.dhcp6;

import java.util.Optional;

/** DHCPv6 message types (RFC 8415 §7.3). */
public enum Dhcp6MessageType {
    SOLICIT(1),
    ADVERTISE(2),
    REQUEST(3),
    CONFIRM(4),
    RENEW(5),
    REBIND(6),
    REPLY(7),
    RELEASE(8),
    DECLINE(9),
    RECONFIGURE(10),
    INFORMATION_REQUEST(11),
    RELAY_FORW(12),
    RELAY_REPL(13);

    private static final Dhcp6MessageType[] BY_VALUE = new Dhcp6MessageType[14];

    static {
        for (Dhcp6MessageType type : values()) {
            BY_VALUE[type.value] = type;
        }
    }

    private final int value;

    Dhcp6MessageType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    /** The type of {@code value}, empty for one RFC 8415 does not define (a later RFC's, or garbage). */
    public static Optional<Dhcp6MessageType> of(int value) {
        return value > 0 && value < BY_VALUE.length ? Optional.of(BY_VALUE[value]) : Optional.empty();
    }

    /** A relay-agent message (RELAY-FORW, RELAY-REPL): a different header (RFC 8415 §9). */
    public boolean relay() {
        return this == RELAY_FORW || this == RELAY_REPL;
    }
}
