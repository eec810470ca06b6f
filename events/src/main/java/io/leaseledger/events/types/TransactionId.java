package io.leaseledger.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.HexFormat;

/** The {@code xid} of a DHCP exchange, any 32-bit value. Written as 8 hex digits ("0x1a2b3c4d"). */
public record TransactionId(int value) {

    public static TransactionId of(int value) {
        return new TransactionId(value);
    }

    /** Parses "0x1a2b3c4d" or "1a2b3c4d". */
    @JsonCreator
    public static TransactionId parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("transaction id must not be null");
        }
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (digits.isEmpty() || digits.length() > 8) {
            throw new IllegalArgumentException("transaction id is not 1..8 hex digits: \"" + text + "\"");
        }
        try {
            return new TransactionId(Integer.parseUnsignedInt(digits, 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("transaction id is not hex: \"" + text + "\"");
        }
    }

    @JsonValue
    @Override
    public String toString() {
        // Written for every lease event: HexFormat, not String.format's parser.
        return "0x" + HexFormat.of().toHexDigits(value);
    }
}
