package io.leaseledger.wire.link;

import io.leaseledger.events.types.Ipv4Address;
import java.util.Optional;

/**
 * The IPv4 and UDP headers of a datagram as an {@code AF_PACKET}/{@code SOCK_DGRAM} socket
 * delivers it (from the IP header on), checked: what the listeners that hear UDP on the link
 * (other DHCP servers, mDNS) read before their own payload.
 *
 * @param payloadOffset where the UDP payload starts in the packet
 * @param payloadLength its length, as the UDP header says (within the IP datagram)
 */
public record UdpDatagram(Ipv4Address source, int sourcePort, int destinationPort, int payloadOffset, int payloadLength) {
    private static final int PROTOCOL_UDP = 17;
    private static final int UDP_HEADER = 8;

    /**
     * The datagram in the first {@code length} bytes of {@code packet}; empty unless it is a whole,
     * unfragmented IPv4/UDP datagram whose lengths agree. Never throws on bad input.
     */
    public static Optional<UdpDatagram> read(byte[] packet, int length) {
        length = Math.min(length, packet.length);
        if (length < 20 || (packet[0] & 0xf0) != 0x40) {
            return Optional.empty();
        }
        int headerLength = (packet[0] & 0x0f) * 4;
        int totalLength = u16(packet, 2);
        boolean fragment = (u16(packet, 6) & 0x3fff) != 0; // more fragments, or an offset
        if (headerLength < 20 || totalLength < headerLength + UDP_HEADER || totalLength > length
                || fragment || (packet[9] & 0xff) != PROTOCOL_UDP) {
            return Optional.empty();
        }
        int udp = headerLength;
        int udpLength = u16(packet, udp + 4);
        if (udpLength < UDP_HEADER || udp + udpLength > totalLength) {
            return Optional.empty();
        }
        Ipv4Address source = Ipv4Address.of((u16(packet, 12) << 16) | u16(packet, 14));
        return Optional.of(new UdpDatagram(source, u16(packet, udp), u16(packet, udp + 2), udp + UDP_HEADER,
                udpLength - UDP_HEADER));
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }
}
