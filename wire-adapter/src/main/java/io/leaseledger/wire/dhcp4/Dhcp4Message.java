package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One DHCPv4 message, immutable: the BOOTP header (RFC 2131 §2) and its options, kept raw, in
 * order, and read typed through the {@link OptionCatalog}.
 *
 * <p>Layout, chosen so decoding allocates three small objects per packet: the header is read
 * on demand from a private copy of the datagram, and options are an index of (code, offset,
 * length) triples into that same array — no object per option. IPv4 addresses come back as
 * {@code int}s ({@link Ipv4Address} converts). Options split per RFC 3396 appear once, with the
 * concatenated value; the overload option (52) is not an option here but the fact
 * {@link #overloadedFields()}, and {@link #sname()}/{@link #file()} read empty when they carried options.
 *
 * <p>Every message has exactly one message type: the decoder rejects others, the builder refuses to build them.
 */
public final class Dhcp4Message {

    public static final int BOOTREQUEST = 1;
    public static final int BOOTREPLY = 2;
    /** The broadcast bit of {@code flags} (RFC 2131 §2, figure 2). */
    public static final int FLAG_BROADCAST = 0x8000;
    /** {@link #overloadedFields()} bit: {@code file} carried options. */
    public static final int OVERLOAD_FILE = 1;
    /** {@link #overloadedFields()} bit: {@code sname} carried options. */
    public static final int OVERLOAD_SNAME = 2;

    static final int OFF_OP = 0;
    static final int OFF_HTYPE = 1;
    static final int OFF_HLEN = 2;
    static final int OFF_HOPS = 3;
    static final int OFF_XID = 4;
    static final int OFF_SECS = 8;
    static final int OFF_FLAGS = 10;
    static final int OFF_CIADDR = 12;
    static final int OFF_YIADDR = 16;
    static final int OFF_SIADDR = 20;
    static final int OFF_GIADDR = 24;
    static final int OFF_CHADDR = 28;
    static final int CHADDR_LENGTH = 16;
    static final int OFF_SNAME = 44;
    static final int SNAME_LENGTH = 64;
    static final int OFF_FILE = 108;
    static final int FILE_LENGTH = 128;
    static final int HEADER_LENGTH = 236;
    static final int OFF_COOKIE = 236;
    static final int MAGIC_COOKIE = 0x63825363;
    static final int OFF_OPTIONS = 240;

    private final byte[] buf;
    /** (code, offset into buf, length) per option, in message order. */
    private final int[] index;
    private final int count;
    private final int overloaded;
    private final int messageTypeIndex;

    Dhcp4Message(byte[] buf, int[] index, int count, int overloaded) {
        this.buf = buf;
        this.index = index;
        this.count = count;
        this.overloaded = overloaded;
        int mt = -1;
        for (int i = 0; i < count; i++) {
            if (index[3 * i] == 53) {
                mt = i;
                break;
            }
        }
        this.messageTypeIndex = mt;
    }

    /** A reply to {@code request} per RFC 2131 §4.3.1 table 3; see {@link Dhcp4MessageBuilder#replyTo}. */
    public static Dhcp4MessageBuilder replyTo(Dhcp4Message request, MessageType type) {
        return Dhcp4MessageBuilder.replyTo(request, type);
    }

    /** An empty builder (op BOOTREQUEST, Ethernet, hlen 6). */
    public static Dhcp4MessageBuilder builder() {
        return new Dhcp4MessageBuilder();
    }

    /** A builder holding a copy of this message. */
    public Dhcp4MessageBuilder toBuilder() {
        return new Dhcp4MessageBuilder(this);
    }

    // ---- header ------------------------------------------------------------------------------

    public int op() {
        return buf[OFF_OP] & 0xFF;
    }

    public boolean isRequest() {
        return op() == BOOTREQUEST;
    }

    public int htype() {
        return buf[OFF_HTYPE] & 0xFF;
    }

    public int hlen() {
        return buf[OFF_HLEN] & 0xFF;
    }

    public int hops() {
        return buf[OFF_HOPS] & 0xFF;
    }

    public int xid() {
        return int32(buf, OFF_XID);
    }

    public int secs() {
        return uint16(buf, OFF_SECS);
    }

    public int flags() {
        return uint16(buf, OFF_FLAGS);
    }

    public boolean broadcast() {
        return (flags() & FLAG_BROADCAST) != 0;
    }

    public int ciaddr() {
        return int32(buf, OFF_CIADDR);
    }

    public int yiaddr() {
        return int32(buf, OFF_YIADDR);
    }

    public int siaddr() {
        return int32(buf, OFF_SIADDR);
    }

    public int giaddr() {
        return int32(buf, OFF_GIADDR);
    }

    /** All 16 bytes of {@code chaddr}, padding included. */
    public byte[] chaddr() {
        return Arrays.copyOfRange(buf, OFF_CHADDR, OFF_CHADDR + CHADDR_LENGTH);
    }

    /** The first {@code hlen} bytes of {@code chaddr}: the client's hardware address (the MAC for Ethernet). */
    public byte[] hardwareAddress() {
        return Arrays.copyOfRange(buf, OFF_CHADDR, OFF_CHADDR + Math.min(hlen(), CHADDR_LENGTH));
    }

    /** For Ethernet ({@code hlen} 6), the MAC as the low 48 bits of a long, without allocating. */
    public long hardwareAddressBits() {
        long bits = 0;
        int n = Math.min(hlen(), 8);
        for (int i = 0; i < n; i++) {
            bits = bits << 8 | buf[OFF_CHADDR + i] & 0xFF;
        }
        return bits;
    }

    /** {@code "aa:bb:cc:dd:ee:ff"}. */
    public String hardwareAddressString() {
        return HexFormat.ofDelimiter(":").formatHex(buf, OFF_CHADDR, OFF_CHADDR + Math.min(hlen(), CHADDR_LENGTH));
    }

    /** The 64 bytes of {@code sname}; zeros when it carried options (overload). */
    public byte[] snameBytes() {
        return (overloaded & OVERLOAD_SNAME) != 0 ? new byte[SNAME_LENGTH]
                : Arrays.copyOfRange(buf, OFF_SNAME, OFF_SNAME + SNAME_LENGTH);
    }

    /** {@code sname} up to its first NUL, as ISO-8859-1; empty when it carried options. */
    public String sname() {
        return (overloaded & OVERLOAD_SNAME) != 0 ? "" : cString(OFF_SNAME, SNAME_LENGTH);
    }

    /** The 128 bytes of {@code file}; zeros when it carried options (overload). */
    public byte[] fileBytes() {
        return (overloaded & OVERLOAD_FILE) != 0 ? new byte[FILE_LENGTH]
                : Arrays.copyOfRange(buf, OFF_FILE, OFF_FILE + FILE_LENGTH);
    }

    /** {@code file} up to its first NUL, as ISO-8859-1; empty when it carried options. */
    public String file() {
        return (overloaded & OVERLOAD_FILE) != 0 ? "" : cString(OFF_FILE, FILE_LENGTH);
    }

    /** Which fields carried options when this message was decoded ({@link #OVERLOAD_FILE}, {@link #OVERLOAD_SNAME}); 0 otherwise. */
    public int overloadedFields() {
        return overloaded;
    }

    boolean fieldFree(int bit) {
        if ((overloaded & bit) != 0) {
            return true;
        }
        int from = bit == OVERLOAD_FILE ? OFF_FILE : OFF_SNAME;
        int to = bit == OVERLOAD_FILE ? OFF_FILE + FILE_LENGTH : OFF_SNAME + SNAME_LENGTH;
        for (int i = from; i < to; i++) {
            if (buf[i] != 0) {
                return false;
            }
        }
        return true;
    }

    // ---- options -----------------------------------------------------------------------------

    public MessageType messageType() {
        return MessageType.valueOf(buf[index[3 * messageTypeIndex + 1]] & 0xFF);
    }

    /** Number of options (each RFC 3396 split option counts once; pad, end and overload are not options). */
    public int optionCount() {
        return count;
    }

    /** The code of the {@code i}-th option, in message order. */
    public OptionCode optionCode(int i) {
        return OptionCode.valueOf(codeAt(i));
    }

    /** A copy of the value of the {@code i}-th option. */
    public byte[] optionValue(int i) {
        java.util.Objects.checkIndex(i, count);
        return Arrays.copyOfRange(buf, index[3 * i + 1], index[3 * i + 1] + index[3 * i + 2]);
    }

    public boolean has(OptionCode code) {
        return find(code.value()) >= 0;
    }

    public boolean has(OptionDef<?> def) {
        return has(def.code());
    }

    /** The raw value of option {@code code}, copied. */
    public Optional<byte[]> option(OptionCode code) {
        int i = find(code.value());
        return i < 0 ? Optional.empty() : Optional.of(optionValue(i));
    }

    /** Value length of option {@code code}, or -1 when absent. */
    public int optionLength(OptionCode code) {
        int i = find(code.value());
        return i < 0 ? -1 : index[3 * i + 2];
    }

    /**
     * The typed value of {@code def}'s option, empty when absent. A malformed value throws
     * {@link Dhcp4DecodeException} (reason {@code BAD_OPTION_LENGTH} or {@code BAD_OPTION_VALUE}), never another exception.
     */
    public <T> Optional<T> get(OptionDef<T> def) {
        int i = find(def.code().value());
        return i < 0 ? Optional.empty() : Optional.of(def.decode(buf, index[3 * i + 1], index[3 * i + 2]));
    }

    /**
     * The reply size limit this request asks for: option 57 (RFC 2132 §9.10), never below 576;
     * 576 when absent or malformed. Pass it to {@link Dhcp4Encoder#encode(Dhcp4Message, int, io.netty.buffer.ByteBuf)}.
     */
    public int maxMessageSize() {
        int i = find(57);
        if (i < 0 || index[3 * i + 2] != 2) {
            return Dhcp4Encoder.MIN_MAX_MESSAGE_SIZE;
        }
        return Math.max(Dhcp4Encoder.MIN_MAX_MESSAGE_SIZE, uint16(buf, index[3 * i + 1]));
    }

    int codeAt(int i) {
        java.util.Objects.checkIndex(i, count);
        return index[3 * i];
    }

    int offsetAt(int i) {
        return index[3 * i + 1];
    }

    int lengthAt(int i) {
        return index[3 * i + 2];
    }

    byte[] buffer() {
        return buf;
    }

    int find(int code) {
        for (int i = 0; i < count; i++) {
            if (index[3 * i] == code) {
                return i;
            }
        }
        return -1;
    }

    // ---- value semantics ---------------------------------------------------------------------

    /** Same header (overloaded fields read as zeros) and same options, in the same order, with the same bytes. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Dhcp4Message m) || count != m.count) {
            return false;
        }
        if (!Arrays.equals(buf, 0, OFF_SNAME, m.buf, 0, OFF_SNAME)
                || !Arrays.equals(snameBytes(), m.snameBytes())
                || !Arrays.equals(fileBytes(), m.fileBytes())) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (index[3 * i] != m.index[3 * i]
                    || !Arrays.equals(buf, offsetAt(i), offsetAt(i) + lengthAt(i),
                            m.buf, m.offsetAt(i), m.offsetAt(i) + m.lengthAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = xid();
        for (int i = 0; i < count; i++) {
            h = 31 * h + index[3 * i];
            for (int p = offsetAt(i); p < offsetAt(i) + lengthAt(i); p++) {
                h = 31 * h + buf[p];
            }
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder()
                .append(messageType()).append(" op=").append(op())
                .append(" xid=0x").append(Integer.toHexString(xid()))
                .append(" chaddr=").append(hardwareAddressString())
                .append(" flags=0x").append(Integer.toHexString(flags()));
        appendAddress(s, " ciaddr=", ciaddr());
        appendAddress(s, " yiaddr=", yiaddr());
        appendAddress(s, " siaddr=", siaddr());
        appendAddress(s, " giaddr=", giaddr());
        s.append(" options=[");
        for (int i = 0; i < count; i++) {
            s.append(i == 0 ? "" : ", ").append(codeAt(i)).append('=')
                    .append(HexFormat.of().formatHex(buf, offsetAt(i), offsetAt(i) + lengthAt(i)));
        }
        return s.append(']').toString();
    }

    private static void appendAddress(StringBuilder s, String label, int bits) {
        if (bits != 0) {
            s.append(label).append(Ipv4Address.format(bits));
        }
    }

    private String cString(int from, int length) {
        int end = from;
        while (end < from + length && buf[end] != 0) {
            end++;
        }
        return Latin1.decode(buf, from, end - from);
    }

    static int int32(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | b[off + 3] & 0xFF;
    }

    static int uint16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF;
    }
}
