package io.leaseledger.wire.dhcp4;

import java.nio.charset.StandardCharsets;

/** Byte strings as ISO-8859-1 text: one char per byte, so any bytes survive a round trip. */
final class Latin1 {

    private Latin1() {}

    static boolean isLatin1(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    static String decode(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    static byte[] encode(String s) {
        if (!isLatin1(s)) {
            throw new IllegalArgumentException("characters outside one byte each: " + s);
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
