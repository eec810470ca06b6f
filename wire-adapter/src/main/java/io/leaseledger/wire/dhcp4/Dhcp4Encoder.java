package io.leaseledger.wire.dhcp4;

import io.netty.buffer.ByteBuf;

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

    /**
     * The datagram length {@link #encode(Dhcp4Message, int, ByteBuf)} would write (overload
     * included), or -1 if the message does not fit {@code maxMessageSize} at all. Lets a reply
     * assembler drop optional options until the reply fits, without encoding.
     */
    public static int encodedLength(Dhcp4Message message, int maxMessageSize) {
        int limit = payloadLimit(maxMessageSize);
        int simple = Dhcp4Message.OFF_OPTIONS + optionsLength(message) + 1;
        if (simple <= limit) {
            return Math.max(simple, BOOTP_MIN_LENGTH);
        }
        try {
            return Plan.of(message, limit, simple).length();
        } catch (Dhcp4EncodeException tooLarge) {
            return -1;
        }
    }

    /** Whether {@code message} can be encoded within {@code maxMessageSize} (with overload if need be). */
    public static boolean fits(Dhcp4Message message, int maxMessageSize) {
        return encodedLength(message, maxMessageSize) >= 0;
    }

    /** Encodes within the 576-byte default limit. */
    public static void encode(Dhcp4Message message, ByteBuf out) {
        encode(message, MIN_MAX_MESSAGE_SIZE, out);
    }

    /**
     * Appends the datagram to {@code out} (e.g. a pooled buffer the caller allocated and releases).
     * Allocates nothing when the options fit without overload. On {@link Dhcp4EncodeException}
     * nothing has been written.
     *
     * @param maxMessageSize the requester's {@link Dhcp4Message#maxMessageSize()}, possibly capped by the interface MTU
     */
    public static void encode(Dhcp4Message message, int maxMessageSize, ByteBuf out) {
        int limit = payloadLimit(maxMessageSize);
        int simple = Dhcp4Message.OFF_OPTIONS + optionsLength(message) + 1;
        Plan plan = simple <= limit ? null : Plan.of(message, limit, simple);
        int total = plan == null ? Math.max(simple, BOOTP_MIN_LENGTH) : plan.length();
        out.ensureWritable(total);
        int at = out.writerIndex();
        if (out.hasArray()) {
            // Heap buffer: write straight into its array, no per-byte bounds and reference-count checks.
            write(message, plan, out.array(), out.arrayOffset() + at, total);
        } else {
            byte[] scratch = SCRATCH.get();
            if (scratch.length < total) {
                scratch = new byte[Math.max(total, 2 * scratch.length)];
                SCRATCH.set(scratch);
            }
            write(message, plan, scratch, 0, total);
            out.setBytes(at, scratch, 0, total);
        }
        out.writerIndex(at + total);
    }

    /** Per-thread staging for direct buffers: one copy into native memory instead of a call per byte. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1500]);

    public static byte[] encode(Dhcp4Message message) {
        return encode(message, MIN_MAX_MESSAGE_SIZE);
    }

    public static byte[] encode(Dhcp4Message message, int maxMessageSize) {
        int limit = payloadLimit(maxMessageSize);
        int simple = Dhcp4Message.OFF_OPTIONS + optionsLength(message) + 1;
        Plan plan = simple <= limit ? null : Plan.of(message, limit, simple);
        byte[] out = new byte[plan == null ? Math.max(simple, BOOTP_MIN_LENGTH) : plan.length()];
        write(message, plan, out, 0, out.length);
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

    /** Writes exactly {@code total} bytes at {@code at}: header, cookie, options, end, zero padding. */
    private static void write(Dhcp4Message m, Plan plan, byte[] out, int at, int total) {
        int overload = plan == null ? 0 : plan.overload;
        int p = writeHeader(m, out, at, overload);
        if (plan == null) {
            for (int i = 0; i < m.optionCount(); i++) {
                p = writeOption(m, i, out, p);
            }
        } else {
            p = plan.writeMain(out, p);
        }
        out[p++] = (byte) 255;
        Arrays.fill(out, p, at + total, (byte) 0);
        if (plan != null) {
            plan.writeFields(out, at);
        }
    }

    /** The fixed header and cookie; a field that carried options when decoded goes out as zeros. */
    private static int writeHeader(Dhcp4Message m, byte[] out, int at, int overloadNow) {
        byte[] b = m.buffer();
        System.arraycopy(b, 0, out, at, Dhcp4Message.OFF_SNAME);
        writeField(m, out, at, overloadNow, Dhcp4Message.OVERLOAD_SNAME, Dhcp4Message.OFF_SNAME, Dhcp4Message.SNAME_LENGTH);
        writeField(m, out, at, overloadNow, Dhcp4Message.OVERLOAD_FILE, Dhcp4Message.OFF_FILE, Dhcp4Message.FILE_LENGTH);
        System.arraycopy(COOKIE, 0, out, at + Dhcp4Message.OFF_COOKIE, 4);
        return at + Dhcp4Message.OFF_OPTIONS;
    }

    private static void writeField(Dhcp4Message m, byte[] out, int at, int overloadNow, int bit, int off, int length) {
        if (((m.overloadedFields() | overloadNow) & bit) != 0) {
            Arrays.fill(out, at + off, at + off + length, (byte) 0);
        } else {
            System.arraycopy(m.buffer(), off, out, at + off, length);
        }
    }

    private static int writeOption(Dhcp4Message m, int i, byte[] out, int p) {
        int code = m.codeAt(i);
        int from = m.offsetAt(i);
        int left = m.lengthAt(i);
        do {
            int chunk = Math.min(255, left);
            out[p] = (byte) code;
            out[p + 1] = (byte) chunk;
            System.arraycopy(m.buffer(), from, out, p + 2, chunk);
            p += 2 + chunk;
            from += chunk;
            left -= chunk;
        } while (left > 0);
        return p;
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
            return Math.max(BOOTP_MIN_LENGTH, Dhcp4Message.OFF_OPTIONS + mainUsed + 3 + 1);
        }

        /** Options-field pieces, with the overload option after a leading message type (some PXE ROMs insist 53 is first). */
        int writeMain(byte[] out, int p) {
            boolean overloadWritten = false;
            for (int k = 0; k < n; k++) {
                if (pieces[4 * k] != MAIN) {
                    continue;
                }
                if (!overloadWritten && !(k == 0 && m.codeAt(pieces[1]) == 53)) {
                    p = writeOverload(out, p);
                    overloadWritten = true;
                }
                p = piece(k, out, p);
            }
            return overloadWritten ? p : writeOverload(out, p);
        }

        private int writeOverload(byte[] out, int p) {
            out[p] = 52;
            out[p + 1] = 1;
            out[p + 2] = (byte) overload;
            return p + 3;
        }

        /** Fills file then sname (zeroed by the header) with their pieces, each closed by an end option. */
        void writeFields(byte[] out, int at) {
            if ((overload & Dhcp4Message.OVERLOAD_FILE) != 0) {
                field(FILE, out, at + Dhcp4Message.OFF_FILE);
            }
            if ((overload & Dhcp4Message.OVERLOAD_SNAME) != 0) {
                field(SNAME, out, at + Dhcp4Message.OFF_SNAME);
            }
        }

        private int piece(int k, byte[] out, int p) {
            int len = pieces[4 * k + 3];
            out[p] = (byte) m.codeAt(pieces[4 * k + 1]);
            out[p + 1] = (byte) len;
            System.arraycopy(m.buffer(), pieces[4 * k + 2], out, p + 2, len);
            return p + 2 + len;
        }

        private void field(int area, byte[] out, int p) {
            for (int k = 0; k < n; k++) {
                if (pieces[4 * k] == area) {
                    p = piece(k, out, p);
                }
            }
            out[p] = (byte) 255;
        }
    }
}
