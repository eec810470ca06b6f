package io.leaseledger.wire.dhcp4;

import java.util.HexFormat;

/** Hand-assembled datagrams, so decoder tests state the exact bytes they feed in. */
final class RawPackets {

    private RawPackets() {}

    static final String COOKIE = "63825363";

    /**
     * A BOOTREQUEST from Ethernet MAC 52:54:00:12:a3:b4, xid 0x01020304, broadcast flag, followed
     * by {@code optionsHex} (spaces allowed) right after the cookie.
     */
    static byte[] request(String optionsHex) {
        return withOptions(header(1), optionsHex);
    }

    static byte[] header(int op) {
        byte[] h = new byte[236];
        h[0] = (byte) op;
        h[1] = 1;
        h[2] = 6;
        h[4] = 1;
        h[5] = 2;
        h[6] = 3;
        h[7] = 4;
        h[10] = (byte) 0x80;
        System.arraycopy(Packets.MAC, 0, h, 28, 6);
        return h;
    }

    static byte[] withOptions(byte[] header, String optionsHex) {
        byte[] options = hex(COOKIE + optionsHex);
        byte[] packet = new byte[header.length + options.length];
        System.arraycopy(header, 0, packet, 0, header.length);
        System.arraycopy(options, 0, packet, header.length, options.length);
        return packet;
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
