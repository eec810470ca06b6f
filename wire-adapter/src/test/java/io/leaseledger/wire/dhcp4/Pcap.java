package io.leaseledger.wire.dhcp4;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes DHCP payloads as a classic pcap file (Ethernet link type) so a dissector can read them:
 * each payload wrapped in Ethernet, IPv4 and UDP headers, ports 67/68 by direction (67→67 for
 * relay traffic, where giaddr is set). Only the DHCP bytes matter to the cross-check; the outer
 * headers are just valid enough (IPv4 checksum set, UDP checksum 0 = none) to reach the dissector.
 */
final class Pcap {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int frames;

    Pcap() {
        ByteBuffer global = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        global.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(global.array());
    }

    /** Appends one frame carrying {@code dhcp} as its UDP payload; returns its 1-based frame number. */
    int add(byte[] dhcp) {
        boolean request = dhcp.length > 0 && dhcp[0] == Dhcp4Message.BOOTREQUEST;
        boolean relayed = dhcp.length >= 28 && (dhcp[24] | dhcp[25] | dhcp[26] | dhcp[27]) != 0;
        int sport = relayed || !request ? 67 : 68;
        int dport = relayed || request ? 67 : 68;
        int udpLength = 8 + dhcp.length;
        int ipLength = 20 + udpLength;
        ByteBuffer f = ByteBuffer.allocate(14 + ipLength);
        f.put(new byte[] {-1, -1, -1, -1, -1, -1}).put(new byte[] {2, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        int ip = f.position();
        f.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) frames).putShort((short) 0)
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {(byte) 198, 18, 0, 2}).put(new byte[] {(byte) 198, 18, 0, 1});
        f.putShort(ip + 10, ipChecksum(f.array(), ip));
        f.putShort((short) sport).putShort((short) dport).putShort((short) udpLength).putShort((short) 0);
        f.put(dhcp);
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(1_700_000_000 + frames).putInt(0).putInt(f.capacity()).putInt(f.capacity());
        out.writeBytes(record.array());
        out.writeBytes(f.array());
        return ++frames;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private static short ipChecksum(byte[] b, int from) {
        int sum = 0;
        for (int i = from; i < from + 20; i += 2) {
            sum += (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (short) ~sum;
    }
}
