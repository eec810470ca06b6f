package io.leaseledger.wire.dhcp4;

/**
 * Every error the codec reports: a datagram that is not a DHCPv4 message we can read
 * ({@link Dhcp4DecodeException}) or a message that cannot be written within its limits
 * ({@link Dhcp4EncodeException}). Unchecked, like Netty's {@code DecoderException}, but the set is
 * closed so a caller can count drops by reason with an exhaustive switch.
 */
public abstract sealed class Dhcp4CodecException extends RuntimeException
        permits Dhcp4DecodeException, Dhcp4EncodeException {

    Dhcp4CodecException(String message) {
        // No stack trace: these are counted drops of hostile or broken input, not bugs, and
        // filling a trace per bad datagram would make a flood of them expensive.
        super(message, null, false, false);
    }
}
