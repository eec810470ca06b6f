package io.leaseledger.wire.dhcp4;

import java.util.Optional;

/**
 * A datagram (or one option value in it) that cannot be read as DHCPv4. The only exception
 * the decoder and the typed option readers throw, whatever the input.
 */
public final class Dhcp4DecodeException extends Dhcp4CodecException {

    /** Why the input was rejected. Stable: metrics use these names. */
    public enum Reason {
        /** Fewer than 240 bytes: the BOOTP fixed header (236) plus the magic cookie do not fit. */
        TRUNCATED_HEADER,
        /** Bytes 236–239 are not 99.130.83.99 (RFC 2131 §3): not DHCP (maybe plain BOOTP). */
        BAD_MAGIC_COOKIE,
        /** {@code op} is neither BOOTREQUEST (1) nor BOOTREPLY (2). */
        BAD_OP,
        /** {@code htype} 0 is reserved (RFC 1700 / IANA ARP hardware types). */
        BAD_HTYPE,
        /** {@code hlen} above 16, or not 6 for Ethernet ({@code htype} 1). */
        BAD_HLEN,
        /** An option's length byte is missing or its value runs past the end of its area. */
        OPTION_OVERRUN,
        /** No message type option (53): a BOOTP packet or garbage, not DHCP. */
        MISSING_MESSAGE_TYPE,
        /** Option 53 appears more than once; RFC 3396 concatenation would make it ambiguous. */
        DUPLICATE_MESSAGE_TYPE,
        /** Option 52 (overload) malformed, out of 1..3, or itself inside {@code sname}/{@code file}. */
        BAD_OPTION_OVERLOAD,
        /** An option value has a length its format does not allow (e.g. 53 not 1 byte, a router list not 4n). */
        BAD_OPTION_LENGTH,
        /** An option value has the right length but illegal content (e.g. a bad DNS name, a route prefix above 32). */
        BAD_OPTION_VALUE
    }

    private final Reason reason;
    private final int optionCode;

    Dhcp4DecodeException(Reason reason, String detail) {
        this(reason, -1, detail);
    }

    Dhcp4DecodeException(Reason reason, int optionCode, String detail) {
        super(reason + (optionCode >= 0 ? " in option " + optionCode : "") + ": " + detail);
        this.reason = reason;
        this.optionCode = optionCode;
    }

    public Reason reason() {
        return reason;
    }

    /** The option the error is about, when it is about one. */
    public Optional<OptionCode> option() {
        return optionCode < 0 ? Optional.empty() : Optional.of(OptionCode.valueOf(optionCode));
    }
}
