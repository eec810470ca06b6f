package io.leaseledger.wire.dhcp6;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes DHCPv6 payloads as a classic pcap file (Ethernet link type) so that Wireshark's dissector
 * reads them: each in Ethernet, IPv6 and UDP headers from port 547 to 546 (or 547 for relay
 * messages), with a correct UDP checksum (mandatory over IPv6, RFC 8200 §8.1).
 */
final class Pcap6 {

    private static final byte[] SERVER = Ipv6Prefix.address("fe80::1").getAddress();
    private static final byte[] CLIENT = Ipv6Prefix.address("fe80::2:ff:fe00:7").getAddress();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int frames;

    Pcap6() {
        ByteBuffer global = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        global.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.writeBytes(global.array());
    }

    void add(byte[] dhcp) {
        boolean relay = dhcp.length > 0 && (dhcp[0] == 12 || dhcp[0] == 13);
        int dport = relay ? 547 : 546;
        int udpLength = 8 + dhcp.length;
        ByteBuffer f = ByteBuffer.allocate(14 + 40 + udpLength);
        f.put(new byte[] {0x33, 0x33, 0, 1, 0, 2}).put(new byte[] {2, 0, 0, 0, 0, 1}).putShort((short) 0x86DD);
        f.putInt(0x60000000).putShort((short) udpLength).put((byte) 17).put((byte) 64).put(SERVER).put(CLIENT);
        int udp = f.position();
        f.putShort((short) 547).putShort((short) dport).putShort((short) udpLength).putShort((short) 0).put(dhcp);
        f.putShort(udp + 6, checksum(f.array(), udp, udpLength));
        ByteBuffer record = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(1_700_000_000 + frames++).putInt(0).putInt(f.capacity()).putInt(f.capacity());
        out.writeBytes(record.array());
        out.writeBytes(f.array());
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** UDP over IPv6: the pseudo-header (addresses, length, next header) and the datagram. */
    private static short checksum(byte[] frame, int udp, int udpLength) {
        long sum = 0;
        for (byte[] address : new byte[][] {SERVER, CLIENT}) {
            for (int i = 0; i < 16; i += 2) {
                sum += (address[i] & 0xFF) << 8 | address[i + 1] & 0xFF;
            }
        }
        sum += udpLength + 17;
        for (int i = 0; i < udpLength; i += 2) {
            int hi = frame[udp + i] & 0xFF;
            int lo = i + 1 < udpLength ? frame[udp + i + 1] & 0xFF : 0;
            sum += hi << 8 | lo;
        }
        while (sum >>> 16 != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        short value = (short) ~sum;
        return value == 0 ? (short) 0xFFFF : value;
    }
}
