package io.leaseledger.events.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A host name as a client sends it in option 12 or an operator configures it: 1..255 printable
 * ASCII characters. Clients send names that are not DNS names ("Anna's laptop"), so this type
 * only refuses what cannot be a name at all (empty, control characters, non-ASCII bytes);
 * {@link #isDnsName()} tells whether it is also a valid RFC 1123 DNS name.
 */
public record Hostname(String value) {

    public static final int MAX_LENGTH = 255;

    public Hostname {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("host name must have 1.." + MAX_LENGTH + " characters, got "
                    + (value == null ? "null" : value.length()));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException("host name has a non-printable or non-ASCII character at "
                        + i + " (0x" + Integer.toHexString(c) + ")");
            }
        }
    }

    @JsonCreator
    public static Hostname of(String value) {
        return new Hostname(value);
    }

    /** RFC 1123: dot-separated labels of 1..63 letters, digits and inner hyphens, at most 253 in all. */
    public boolean isDnsName() {
        String name = value.endsWith(".") ? value.substring(0, value.length() - 1) : value;
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    @JsonValue
    @Override
    public String toString() {
        return value;
    }
}
