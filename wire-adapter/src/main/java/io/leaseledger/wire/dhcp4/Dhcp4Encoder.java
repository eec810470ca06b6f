package io.leaseledger.wire.dhcp4;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.Arrays;

/**
 * Writes a {@link Dhcp4Message} as a DHCPv4 datagram (the UDP payload). Stateless and thread-safe.
 *
 * <ul>
 *   <li>Options go out in message order. A value above 255 bytes is split into consecutive
 *       instances of the same code (RFC 3396).</li>
 *   <li>Size limit: the client's maximum message size (option 57, RFC 2132 §9.10), never below
 *       576, counts the whole IP datagram, so the DHCP payload may use that minus 28 bytes of IP and
 *       UDP headers (as ISC dhcpd reads it). Without a limit, 576 is assumed: every client must accept it.</li>
 *   <li>If the options do not fit, the encoder overloads (option 52, RFC 2132 §9.3): it continues
 *       into {@code file} and then {@code sname} — in RFC 3396's concatenation order — when those are
 *       empty. An option of at most 255 bytes is never split for this; a longer one may continue
 *       across fields. If it still does not fit: {@link Dhcp4EncodeException}, never a truncated packet.</li>
 *   <li>The datagram is padded with zeros to the 300-byte BOOTP minimum (RFC 1542 §2.1).</li>
 * </ul>
 */
public final class Dhcp4Encoder {

    /** The smallest maximum message size a client may state, and the size every client accepts. */
    public static final int MIN_MAX_MESSAGE_SIZE = 576;
    /** IPv4 (20, no options) and UDP (8) headers, counted in the maximum message size. */
    public static final int IP_UDP_OVERHEAD = 28;
    /** RFC 1542 §2.1: relays and old clients may drop BOOTP messages shorter than this. */
    public static final int BOOTP_MIN_LENGTH = 300;
    /** The largest UDP payload over IPv4. */
    public static final int MAX_PAYLOAD = 65_507;

    private static final byte[] COOKIE = {99, (byte) 130, 83, 99};
    private static final int MAIN = 0;
    private static final int FILE = 1;
    private static final int SNAME = 2;

    private Dhcp4Encoder() {}

    /** The DHCP payload limit for a maximum message size (option 57 semantics). */
    public static int payloadLimit(int maxMessageSize) {
        return Math.min(MAX_PAYLOAD, Math.max(MIN_MAX_MESSAGE_SIZE, maxMessageSize) - IP_UDP_OVERHEAD);
    }

    /** Encodes within the 576-byte default limit. */
    public static void encode(Dhcp4Message message, ByteBuf out) {
        encode(message, MIN_MAX_MESSAGE_SIZE, out);
    }

    /**
     * Appends the datagram to {@code out} (e.g. a pooled buffer the caller allocated and releases).
     * On {@link Dhcp4EncodeException} nothing has been written.
     *
     * @param maxMessageSize the requester's {@link Dhcp4Message#maxMessageSize()}, possibly capped by the interface MTU
     */
    public static void encode(Dhcp4Message message, int maxMessageSize, ByteBuf out) {
        int limit = payloadLimit(maxMessageSize);
        int simple = Dhcp4Message.OFF_OPTIONS + optionsLength(message) + 1;
        if (simple <= limit) {
            writeSimple(message, out, Math.max(simple, BOOTP_MIN_LENGTH));
        } else {
            Plan plan = Plan.of(message, limit, simple);
            plan.write(out);
        }
    }

    public static byte[] encode(Dhcp4Message message) {
        return encode(message, MIN_MAX_MESSAGE_SIZE);
    }

    public static byte[] encode(Dhcp4Message message, int maxMessageSize) {
        int limit = payloadLimit(maxMessageSize);
        int simple = Dhcp4Message.OFF_OPTIONS + optionsLength(message) + 1;
        if (simple <= limit) {
            byte[] out = new byte[Math.max(simple, BOOTP_MIN_LENGTH)];
            writeSimple(message, Unpooled.wrappedBuffer(out).clear(), out.length);
            return out;
        }
        Plan plan = Plan.of(message, limit, simple);
        byte[] out = new byte[plan.length()];
        plan.write(Unpooled.wrappedBuffer(out).clear());
        return out;
    }

    /** Bytes of all option TLVs, long ones split in 255-byte instances (no pad, overload or end). */
    static int optionsLength(Dhcp4Message m) {
        int total = 0;
        for (int i = 0; i < m.optionCount(); i++) {
            total += tlvLength(m.lengthAt(i));
        }
        return total;
    }

    static int tlvLength(int valueLength) {
        int instances = valueLength == 0 ? 1 : (valueLength + 254) / 255;
        return 2 * instances + valueLength;
    }

    private static void writeSimple(Dhcp4Message m, ByteBuf out, int total) {
        int start = out.writerIndex();
        out.ensureWritable(total);
        writeHeader(m, out, 0);
        for (int i = 0; i < m.optionCount(); i++) {
            writeOption(m, i, out);
        }
        out.writeByte(255);
        out.writeZero(total - (out.writerIndex() - start));
    }

    /** The fixed header and cookie; a field that carried options when decoded goes out as zeros unless overloaded now. */
    private static void writeHeader(Dhcp4Message m, ByteBuf out, int overloadNow) {
        byte[] b = m.buffer();
        out.writeBytes(b, 0, Dhcp4Message.OFF_SNAME);
        if ((overloadNow & Dhcp4Message.OVERLOAD_SNAME) == 0) {
            writeField(m, out, Dhcp4Message.OVERLOAD_SNAME, Dhcp4Message.OFF_SNAME, Dhcp4Message.SNAME_LENGTH);
        } else {
            out.writeZero(Dhcp4Message.SNAME_LENGTH);
        }
        if ((overloadNow & Dhcp4Message.OVERLOAD_FILE) == 0) {
            writeField(m, out, Dhcp4Message.OVERLOAD_FILE, Dhcp4Message.OFF_FILE, Dhcp4Message.FILE_LENGTH);
        } else {
            out.writeZero(Dhcp4Message.FILE_LENGTH);
        }
        out.writeBytes(COOKIE);
    }

    private static void writeField(Dhcp4Message m, ByteBuf out, int bit, int off, int length) {
        if ((m.overloadedFields() & bit) != 0) {
            out.writeZero(length);
        } else {
            out.writeBytes(m.buffer(), off, length);
        }
    }

    private static void writeOption(Dhcp4Message m, int i, ByteBuf out) {
        int code = m.codeAt(i);
        int p = m.offsetAt(i);
        int left = m.lengthAt(i);
        do {
            int chunk = Math.min(255, left);
            out.writeByte(code);
            out.writeByte(chunk);
            out.writeBytes(m.buffer(), p, chunk);
            p += chunk;
            left -= chunk;
        } while (left > 0);
    }

    /**
     * Where each piece of each option goes when they do not fit the options field: a list of
     * (area, option, value offset, chunk length) in write order. Only built on this slow path.
     */
    private static final class Plan {
        private final Dhcp4Message m;
        private int[] pieces = new int[64];
        private int n;
        private int overload;
        private int mainUsed;

        private Plan(Dhcp4Message m) {
            this.m = m;
        }

        static Plan of(Dhcp4Message m, int limit, int required) {
            Plan plan = new Plan(m);
            int[] capacity = {
                limit - Dhcp4Message.OFF_OPTIONS - 3 - 1,
                m.fieldFree(Dhcp4Message.OVERLOAD_FILE) ? Dhcp4Message.FILE_LENGTH - 1 : 0,
                m.fieldFree(Dhcp4Message.OVERLOAD_SNAME) ? Dhcp4Message.SNAME_LENGTH - 1 : 0,
            };
            int[] used = new int[3];
            int area = 0;
            for (int i = 0; i < m.optionCount(); i++) {
                int len = m.lengthAt(i);
                int off = m.offsetAt(i);
                int left = len;
                boolean first = true;
                while (first || left > 0) {
                    int room = capacity[area] - used[area];
                    boolean whole = tlvLength(left) <= room;
                    // A long option may continue in the next field (RFC 3396); a short one moves whole.
                    boolean split = len > 255 && room >= 3;
                    if (!whole && !split) {
                        if (++area > SNAME) {
                            throw new Dhcp4EncodeException(Dhcp4EncodeException.Reason.MESSAGE_TOO_LARGE, required, limit);
                        }
                        continue;
                    }
                    int chunk = Math.min(Math.min(255, left), room - 2);
                    plan.add(area, i, off, chunk);
                    used[area] += 2 + chunk;
                    off += chunk;
                    left -= chunk;
                    first = false;
                }
            }
            plan.mainUsed = used[MAIN];
            plan.overload = (used[FILE] > 0 ? Dhcp4Message.OVERLOAD_FILE : 0) | (used[SNAME] > 0 ? Dhcp4Message.OVERLOAD_SNAME : 0);
            return plan;
        }

        private void add(int area, int option, int off, int len) {
            if (4 * n + 4 > pieces.length) {
                pieces = Arrays.copyOf(pieces, pieces.length * 2);
            }
            pieces[4 * n] = area;
            pieces[4 * n + 1] = option;
            pieces[4 * n + 2] = off;
            pieces[4 * n + 3] = len;
            n++;
        }

        int length() {
            return Math.max(BOOTP_MIN_LENGTH, Dhcp4Message.OFF_OPTIONS + mainUsed + (overload != 0 ? 3 : 0) + 1);
        }

        void write(ByteBuf out) {
            int total = length();
            int start = out.writerIndex();
            out.ensureWritable(total);
            writeHeader(m, out, overload);
            boolean overloadWritten = overload == 0;
            for (int k = 0; k < n; k++) {
                if (pieces[4 * k] != MAIN) {
                    continue;
                }
                // Some PXE ROMs insist the message type comes first; the overload option follows it.
                if (!overloadWritten && !(k == 0 && m.codeAt(pieces[1]) == 53)) {
                    out.writeByte(52).writeByte(1).writeByte(overload);
                    overloadWritten = true;
                }
                piece(k, out, start);
            }
            if (!overloadWritten) {
                out.writeByte(52).writeByte(1).writeByte(overload);
            }
            out.writeByte(255);
            out.writeZero(total - (out.writerIndex() - start));
            if ((overload & Dhcp4Message.OVERLOAD_FILE) != 0) {
                area(FILE, out, start + Dhcp4Message.OFF_FILE);
            }
            if ((overload & Dhcp4Message.OVERLOAD_SNAME) != 0) {
                area(SNAME, out, start + Dhcp4Message.OFF_SNAME);
            }
        }

        private void piece(int k, ByteBuf out, int start) {
            out.writeByte(m.codeAt(pieces[4 * k + 1]));
            out.writeByte(pieces[4 * k + 3]);
            out.writeBytes(m.buffer(), pieces[4 * k + 2], pieces[4 * k + 3]);
        }

        /** Fills a header field in place (it was zeroed by writeHeader); the end option follows its options. */
        private void area(int area, ByteBuf out, int at) {
            int p = at;
            for (int k = 0; k < n; k++) {
                if (pieces[4 * k] != area) {
                    continue;
                }
                int len = pieces[4 * k + 3];
                out.setByte(p, m.codeAt(pieces[4 * k + 1]));
                out.setByte(p + 1, len);
                out.setBytes(p + 2, m.buffer(), pieces[4 * k + 2], len);
                p += 2 + len;
            }
            out.setByte(p, 255);
        }
    }
}
