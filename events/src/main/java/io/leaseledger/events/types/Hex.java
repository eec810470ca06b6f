package io.leaseledger.events.types;

/** Colon-separated hex ("aa:bb:0c"), the way DHCP tools print hardware addresses and ids. */
final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    static String format(byte[] bytes) {
        if (bytes.length == 0) {
            return "";
        }
        var out = new StringBuilder(bytes.length * 3 - 1);
        for (int i = 0; i < bytes.length; i++) {
            if (i > 0) {
                out.append(':');
            }
            out.append(DIGITS[(bytes[i] >> 4) & 0xF]).append(DIGITS[bytes[i] & 0xF]);
        }
        return out.toString();
    }

    /**
     * "aa:bb:cc" in one pass, the form {@link #format} writes (and the event store holds in every
     * lease event); null for anything else, which {@link #parse} reads the long way.
     */
    private static byte[] parseColonSeparated(String text) {
        int n = text.length();
        if (n < 2 || n % 3 != 2) {
            return null;
        }
        var bytes = new byte[(n + 1) / 3];
        for (int i = 0, at = 0; i < bytes.length; i++, at += 3) {
            int hi = Character.digit(text.charAt(at), 16);
            int lo = Character.digit(text.charAt(at + 1), 16);
            if (hi < 0 || lo < 0 || (at + 2 < n && text.charAt(at + 2) != ':')) {
                return null;
            }
            bytes[i] = (byte) (hi << 4 | lo);
        }
        return bytes;
    }

    /**
     * Parses "aa:bb:cc", "aa-bb-cc" or "aabbcc" (case-insensitive).
     *
     * @throws IllegalArgumentException naming the text when it is not hex octets
     */
    static byte[] parse(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        byte[] colonSeparated = parseColonSeparated(text);
        return colonSeparated != null ? colonSeparated : parseAnyForm(text, what);
    }

    /** {@link #parse} for every form it takes; {@code text} is not null. */
    static byte[] parseAnyForm(String text, String what) {
        String digits = text.replace(":", "").replace("-", "");
        boolean separated = digits.length() != text.length();
        if (digits.isEmpty() || digits.length() % 2 != 0
                || (separated && text.length() != digits.length() / 2 * 3 - 1)) {
            throw new IllegalArgumentException(what + " is not hex octets: \"" + text + "\"");
        }
        var bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int hi = Character.digit(digits.charAt(2 * i), 16);
            int lo = Character.digit(digits.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException(what + " is not hex octets: \"" + text + "\"");
            }
            bytes[i] = (byte) (hi << 4 | lo);
        }
        return bytes;
    }
}
