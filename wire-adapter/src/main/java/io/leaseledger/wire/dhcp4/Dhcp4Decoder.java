package io.leaseledger.wire.dhcp4;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;

import static io.leaseledger.wire.dhcp4.Dhcp4DecodeException.Reason.*;

/**
 * Reads a DHCPv4 datagram into a {@link Dhcp4Message}. Stateless and thread-safe. For any input
 * whatsoever it returns a message or throws {@link Dhcp4DecodeException}; nothing else escapes
 * (the Jazzer test {@code Dhcp4DecoderFuzzTest} holds it to that).
 *
 * <p>What it checks: the fixed header and cookie are present; op is 1 or 2; htype is not 0;
 * hlen is at most 16 and 6 for Ethernet; every option's length byte and value lie inside its
 * area (options field, then {@code file}, then {@code sname} when option 52 says so); option 52 is
 * well-formed and only in the options field; exactly one message type option, one byte long.
 * Options appearing more than once are concatenated in that order (RFC 3396). A missing end option
 * is tolerated (the datagram's end ends the options), as Kea and ISC dhcpd do. Option values are
 * not interpreted here: typed reads check them ({@link Dhcp4Message#get(OptionDef)}).
 */
public final class Dhcp4Decoder {

    private Dhcp4Decoder() {}

    /** Decodes the readable bytes of {@code datagram}, leaving its indices untouched. */
    public static Dhcp4Message decode(ByteBuf datagram) {
        int length = datagram.readableBytes();
        if (length < Dhcp4Message.OFF_OPTIONS) {
            throw new Dhcp4DecodeException(TRUNCATED_HEADER, length + " bytes, at least 240 needed");
        }
        byte[] copy = new byte[length];
        datagram.getBytes(datagram.readerIndex(), copy);
        return parse(copy);
    }

    public static Dhcp4Message decode(byte[] datagram) {
        return decode(datagram, 0, datagram.length);
    }

    /**
     * Decodes {@code length} bytes of {@code datagram} from {@code offset}. The range is the
     * caller's contract (an {@link IndexOutOfBoundsException} means a caller bug, not bad input);
     * the bytes in it may be anything.
     */
    public static Dhcp4Message decode(byte[] datagram, int offset, int length) {
        if (offset < 0 || length < 0 || offset > datagram.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + " length " + length + " in " + datagram.length);
        }
        if (length < Dhcp4Message.OFF_OPTIONS) {
            throw new Dhcp4DecodeException(TRUNCATED_HEADER, length + " bytes, at least 240 needed");
        }
        return parse(Arrays.copyOfRange(datagram, offset, offset + length));
    }

    /** Takes ownership of {@code b}. */
    private static Dhcp4Message parse(byte[] b) {
        int op = b[Dhcp4Message.OFF_OP] & 0xFF;
        if (op != Dhcp4Message.BOOTREQUEST && op != Dhcp4Message.BOOTREPLY) {
            throw new Dhcp4DecodeException(BAD_OP, "op " + op);
        }
        int htype = b[Dhcp4Message.OFF_HTYPE] & 0xFF;
        int hlen = b[Dhcp4Message.OFF_HLEN] & 0xFF;
        if (htype == 0) {
            throw new Dhcp4DecodeException(BAD_HTYPE, "htype 0 is reserved");
        }
        if (hlen > Dhcp4Message.CHADDR_LENGTH || (htype == 1 && hlen != 6)) {
            throw new Dhcp4DecodeException(BAD_HLEN, "hlen " + hlen + " for htype " + htype);
        }
        if (Dhcp4Message.int32(b, Dhcp4Message.OFF_COOKIE) != Dhcp4Message.MAGIC_COOKIE) {
            throw new Dhcp4DecodeException(BAD_MAGIC_COOKIE,
                    "0x" + Integer.toHexString(Dhcp4Message.int32(b, Dhcp4Message.OFF_COOKIE)));
        }
        Scan scan = new Scan(b);
        scan.all();
        if (!scan.seen(53)) {
            throw new Dhcp4DecodeException(MISSING_MESSAGE_TYPE, "no option 53");
        }
        scan.index = new int[3 * scan.instances];
        scan.instances = 0;
        scan.filling = true;
        scan.all();
        Dhcp4Message m = scan.duplicates ? concatenate(b, scan) : new Dhcp4Message(b, scan.index, scan.instances, scan.overload);
        if (m.lengthAt(m.find(53)) != 1) {
            throw new Dhcp4DecodeException(BAD_OPTION_LENGTH, 53, "length " + m.lengthAt(m.find(53)) + ", expected 1");
        }
        return m;
    }

    /** RFC 3396 §5: values of repeated codes are joined in order; the joined value is appended after the datagram. */
    private static Dhcp4Message concatenate(byte[] b, Scan scan) {
        int[] in = scan.index;
        int n = scan.instances;
        int[] out = new int[3 * n];
        int[] total = new int[256];
        int[] firstAt = new int[256];
        Arrays.fill(firstAt, -1);
        int logical = 0;
        int extra = 0;
        for (int i = 0; i < n; i++) {
            int code = in[3 * i];
            if (firstAt[code] < 0) {
                firstAt[code] = logical;
                out[3 * logical] = code;
                out[3 * logical + 1] = in[3 * i + 1];
                out[3 * logical + 2] = in[3 * i + 2];
                logical++;
            } else {
                if (total[code] == 0) {
                    total[code] = out[3 * firstAt[code] + 2];
                    extra += total[code];
                }
                total[code] += in[3 * i + 2];
                extra += in[3 * i + 2];
            }
        }
        byte[] joined = Arrays.copyOf(b, b.length + extra);
        int p = b.length;
        for (int l = 0; l < logical; l++) {
            int code = out[3 * l];
            if (total[code] == 0) {
                continue;
            }
            int start = p;
            for (int i = 0; i < n; i++) {
                if (in[3 * i] == code) {
                    System.arraycopy(b, in[3 * i + 1], joined, p, in[3 * i + 2]);
                    p += in[3 * i + 2];
                }
            }
            out[3 * l + 1] = start;
            out[3 * l + 2] = p - start;
        }
        return new Dhcp4Message(joined, Arrays.copyOf(out, 3 * logical), logical, scan.overload);
    }

    /** Walks the option areas; first to count and validate, then to fill the index. */
    private static final class Scan {
        final byte[] b;
        int[] index;
        int instances;
        boolean filling;
        boolean duplicates;
        int overload;
        long seen0, seen1, seen2, seen3;

        Scan(byte[] b) {
            this.b = b;
        }

        void all() {
            seen0 = seen1 = seen2 = seen3 = 0;
            overload = 0;
            area(Dhcp4Message.OFF_OPTIONS, b.length, true);
            if ((overload & Dhcp4Message.OVERLOAD_FILE) != 0) {
                area(Dhcp4Message.OFF_FILE, Dhcp4Message.OFF_FILE + Dhcp4Message.FILE_LENGTH, false);
            }
            if ((overload & Dhcp4Message.OVERLOAD_SNAME) != 0) {
                area(Dhcp4Message.OFF_SNAME, Dhcp4Message.OFF_SNAME + Dhcp4Message.SNAME_LENGTH, false);
            }
        }

        private void area(int from, int to, boolean optionsField) {
            int p = from;
            while (p < to) {
                int code = b[p] & 0xFF;
                if (code == 0) {
                    p++;
                    continue;
                }
                if (code == 255) {
                    return;
                }
                if (p + 1 >= to) {
                    throw new Dhcp4DecodeException(OPTION_OVERRUN, code, "no length byte at offset " + p);
                }
                int len = b[p + 1] & 0xFF;
                int value = p + 2;
                if (value + len > to) {
                    throw new Dhcp4DecodeException(OPTION_OVERRUN, code,
                            "value of " + len + " bytes at offset " + value + " passes the end of its area at " + to);
                }
                if (code == 52) {
                    overload(optionsField, len, value);
                } else {
                    record(code, value, len);
                }
                p = value + len;
            }
        }

        private void overload(boolean optionsField, int len, int value) {
            if (!optionsField) {
                throw new Dhcp4DecodeException(BAD_OPTION_OVERLOAD, 52, "option 52 inside sname/file");
            }
            if (overload != 0) {
                throw new Dhcp4DecodeException(BAD_OPTION_OVERLOAD, 52, "option 52 twice");
            }
            if (len != 1 || b[value] < 1 || b[value] > 3) {
                throw new Dhcp4DecodeException(BAD_OPTION_OVERLOAD, 52, "must be one byte 1, 2 or 3");
            }
            overload = b[value];
        }

        private void record(int code, int value, int len) {
            if (seen(code)) {
                if (code == 53) {
                    throw new Dhcp4DecodeException(DUPLICATE_MESSAGE_TYPE, 53, "message type twice");
                }
                duplicates = true;
            } else {
                mark(code);
            }
            if (filling) {
                index[3 * instances] = code;
                index[3 * instances + 1] = value;
                index[3 * instances + 2] = len;
            }
            instances++;
        }

        boolean seen(int code) {
            long bit = 1L << (code & 63);
            return switch (code >>> 6) {
                case 0 -> (seen0 & bit) != 0;
                case 1 -> (seen1 & bit) != 0;
                case 2 -> (seen2 & bit) != 0;
                default -> (seen3 & bit) != 0;
            };
        }

        private void mark(int code) {
            long bit = 1L << (code & 63);
            switch (code >>> 6) {
                case 0 -> seen0 |= bit;
                case 1 -> seen1 |= bit;
                case 2 -> seen2 |= bit;
                default -> seen3 |= bit;
            }
        }
    }
}
