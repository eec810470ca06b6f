package io.leaseledger.wire.icmp;

import io.leaseledger.events.types.Ipv4Address;
import java.util.Optional;

/**
 * ICMP echo messages (RFC 792): the request a conflict probe sends (type 8, its identifier and
 * sequence number, a short payload, the Internet checksum of RFC 1071 — a raw socket leaves the
 * checksum to its user), and the reply as a raw {@code IPPROTO_ICMP} socket delivers it, IPv4
 * header first.
 *
 * <p>Never throws on bad input: anything that is not an intact echo reply reads as empty.
 */
public final class EchoMessages {
    static final int ECHO_REPLY = 0;
    static final int ECHO_REQUEST = 8;
    private static final int HEADER = 8;
    private static final int MIN_IPV4_HEADER = 20;
    private static final int PROTOCOL_ICMP = 1;
    /** What the request carries after its header: it names the sender to anyone reading a capture. */
    private static final byte[] PAYLOAD = "leaseledger-probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private EchoMessages() {
    }

    /** An echo reply from {@code source}, answering the request {@code identifier}/{@code sequence}. */
    public record EchoReply(Ipv4Address source, int identifier, int sequence) {
    }

    /** The ICMP message of an echo request (the kernel adds the IPv4 header). */
    public static byte[] request(int identifier, int sequence) {
        byte[] message = new byte[HEADER + PAYLOAD.length];
        message[0] = ECHO_REQUEST;
        putU16(message, 4, identifier);
        putU16(message, 6, sequence);
        System.arraycopy(PAYLOAD, 0, message, HEADER, PAYLOAD.length);
        putU16(message, 2, checksum(message, 0, message.length));
        return message;
    }

    /**
     * Reads {@code length} bytes of {@code packet}, an IPv4 datagram carrying ICMP: the echo reply
     * it is, or empty (truncated, not IPv4, not ICMP, another ICMP type, a bad checksum).
     */
    public static Optional<EchoReply> readReply(byte[] packet, int length) {
        if (length < MIN_IPV4_HEADER || packet.length < length || (packet[0] & 0xf0) != 0x40) {
            return Optional.empty();
        }
        int headerLength = (packet[0] & 0x0f) * 4;
        if (headerLength < MIN_IPV4_HEADER || length < headerLength + HEADER
                || (packet[9] & 0xff) != PROTOCOL_ICMP) {
            return Optional.empty();
        }
        int totalLength = u16(packet, 2);
        int end = totalLength >= headerLength + HEADER && totalLength <= length ? totalLength : length;
        int icmp = headerLength;
        if ((packet[icmp] & 0xff) != ECHO_REPLY || packet[icmp + 1] != 0
                || checksum(packet, icmp, end - icmp) != 0) {
            return Optional.empty();
        }
        Ipv4Address source = Ipv4Address.of(((packet[12] & 0xff) << 24) | ((packet[13] & 0xff) << 16)
                | ((packet[14] & 0xff) << 8) | (packet[15] & 0xff));
        return Optional.of(new EchoReply(source, u16(packet, icmp + 4), u16(packet, icmp + 6)));
    }

    /** RFC 1071: the ones' complement of the ones' complement sum of 16-bit words; 0 over an intact message. */
    static int checksum(byte[] data, int offset, int length) {
        long sum = 0;
        int i = offset;
        for (; i + 1 < offset + length; i += 2) {
            sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
        }
        if (i < offset + length) {
            sum += (data[i] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static int u16(byte[] data, int at) {
        return ((data[at] & 0xff) << 8) | (data[at + 1] & 0xff);
    }

    private static void putU16(byte[] data, int at, int value) {
        data[at] = (byte) (value >>> 8);
        data[at + 1] = (byte) value;
    }
}
