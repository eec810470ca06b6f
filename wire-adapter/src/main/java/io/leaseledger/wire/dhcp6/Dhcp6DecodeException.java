package io.leaseledger.wire.dhcp6;

/** A datagram that is not a well-formed DHCPv6 message, or an option value that is not what its code says. */
public final class Dhcp6DecodeException extends RuntimeException {

    /** Why a datagram was refused; the reason is the label of the drop counter. */
    public enum Reason {
        /** Shorter than a header (4 bytes for a client/server message, 34 for a relay message). */
        TRUNCATED_HEADER,
        /** An option's length runs past the end of the message or of its enclosing option. */
        TRUNCATED_OPTION,
        /** A value the option's definition does not allow (an odd-length option request list, ...). */
        BAD_OPTION_VALUE,
        /** A relay message without its Relay Message option, or relays nested deeper than the limit. */
        BAD_RELAY
    }

    private final Reason reason;

    public Dhcp6DecodeException(Reason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
