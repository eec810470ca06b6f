package io.leaseledger.wire.dhcp6;

import static io.leaseledger.wire.dhcp6.Dhcp6DecodeException.Reason.BAD_RELAY;
import static io.leaseledger.wire.dhcp6.Dhcp6DecodeException.Reason.TRUNCATED_HEADER;
import static io.leaseledger.wire.dhcp6.Dhcp6DecodeException.Reason.TRUNCATED_OPTION;

import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The DHCPv6 wire format (RFC 8415 §8, §9, §21.1): header, then options as code, length, value.
 * Decoding keeps every option's bytes, known or not, so that encoding what was decoded gives the
 * same bytes. A datagram that is not a message is refused with a {@link Dhcp6DecodeException}.
 */
public final class Dhcp6Codec {

    /** msg-type and transaction-id. */
    static final int MESSAGE_HEADER = 4;
    /** msg-type, hop-count, link-address, peer-address. */
    static final int RELAY_HEADER = 34;
    /**
     * Relay messages nested deeper than this are refused: RFC 8415 §7.6's HOP_COUNT_LIMIT is 8,
     * and a relay drops a message whose hop count reached it; the decoder allows some slack.
     */
    public static final int MAX_RELAY_DEPTH = 32;

    private Dhcp6Codec() {}

    public static Dhcp6Packet decode(byte[] datagram) {
        return decode(datagram, 0, datagram.length, 0);
    }

    public static Dhcp6Packet decode(byte[] bytes, int offset, int length) {
        return decode(bytes, offset, length, 0);
    }

    private static Dhcp6Packet decode(byte[] b, int off, int len, int depth) {
        if (len < 1) {
            throw new Dhcp6DecodeException(TRUNCATED_HEADER, "empty datagram");
        }
        int type = b[off] & 0xFF;
        if (type == Dhcp6MessageType.RELAY_FORW.value() || type == Dhcp6MessageType.RELAY_REPL.value()) {
            if (len < RELAY_HEADER) {
                throw new Dhcp6DecodeException(TRUNCATED_HEADER, "relay message of " + len + " bytes");
            }
            if (depth >= MAX_RELAY_DEPTH) {
                throw new Dhcp6DecodeException(BAD_RELAY, "relay messages nested deeper than " + MAX_RELAY_DEPTH);
            }
            List<Dhcp6Option> options = options(b, off + RELAY_HEADER, len - RELAY_HEADER);
            var relay = new Dhcp6Packet.Relay(type, b[off + 1] & 0xFF, address(b, off + 2), address(b, off + 18), options);
            // Checked here, not left to whoever unwraps it: a relay whose relayed message is not
            // one is not a message either.
            for (Dhcp6Option option : options) {
                if (option.code() == Dhcp6Options.RELAY_MSG) {
                    decode(option.raw(), 0, option.length(), depth + 1);
                }
            }
            return relay;
        }
        if (len < MESSAGE_HEADER) {
            throw new Dhcp6DecodeException(TRUNCATED_HEADER, "message of " + len + " bytes");
        }
        int transactionId = (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | b[off + 3] & 0xFF;
        return new Dhcp6Packet.Message(type, transactionId, options(b, off + MESSAGE_HEADER, len - MESSAGE_HEADER));
    }

    /** The options of {@code len} bytes from {@code off}: a message's, or an option's nested ones (IA_NA, IAADDR). */
    static List<Dhcp6Option> options(byte[] b, int off, int len) {
        List<Dhcp6Option> options = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (p < end) {
            if (end - p < 4) {
                throw new Dhcp6DecodeException(TRUNCATED_OPTION, (end - p) + " bytes left where an option header needs 4");
            }
            int code = (b[p] & 0xFF) << 8 | b[p + 1] & 0xFF;
            int length = (b[p + 2] & 0xFF) << 8 | b[p + 3] & 0xFF;
            if (length > end - p - 4) {
                throw new Dhcp6DecodeException(TRUNCATED_OPTION, "option " + code + " of " + length + " bytes, "
                        + (end - p - 4) + " left");
            }
            options.add(new Dhcp6Option(code, Arrays.copyOfRange(b, p + 4, p + 4 + length)));
            p += 4 + length;
        }
        return options;
    }

    static Inet6Address address(byte[] b, int off) {
        try {
            // getByAddress of 16 bytes is always an Inet6Address, never an IPv4-mapped Inet4Address
            // through this overload (it takes a scope).
            return Inet6Address.getByAddress(null, Arrays.copyOfRange(b, off, off + 16), null);
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    public static byte[] encode(Dhcp6Packet packet) {
        var out = new ByteArrayOutputStream(256);
        switch (packet) {
            case Dhcp6Packet.Message m -> {
                out.write(m.type());
                out.write(m.transactionId() >>> 16);
                out.write(m.transactionId() >>> 8);
                out.write(m.transactionId());
            }
            case Dhcp6Packet.Relay r -> {
                out.write(r.type());
                out.write(r.hopCount());
                out.writeBytes(bytes(r.linkAddress()));
                out.writeBytes(bytes(r.peerAddress()));
            }
        }
        writeOptions(out, packet.options());
        return out.toByteArray();
    }

    /** Options in order, each as code, length, value. */
    static void writeOptions(ByteArrayOutputStream out, List<Dhcp6Option> options) {
        for (Dhcp6Option option : options) {
            out.write(option.code() >>> 8);
            out.write(option.code());
            out.write(option.length() >>> 8);
            out.write(option.length());
            out.writeBytes(option.raw());
        }
    }

    /** The 16 bytes of an IPv6 address, without its scope. */
    static byte[] bytes(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != 16) {
            throw new IllegalArgumentException("not an IPv6 address: " + address);
        }
        return bytes;
    }
}
