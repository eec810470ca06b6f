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
     * Parses "aa:bb:cc", "aa-bb-cc" or "aabbcc" (case-insensitive).
     *
     * @throws IllegalArgumentException naming the text when it is not hex octets
     */
    static byte[] parse(String text, String what) {
        if (text == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
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
