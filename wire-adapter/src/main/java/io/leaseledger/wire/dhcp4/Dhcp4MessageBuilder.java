package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import java.util.Arrays;
import java.util.Objects;

/**
 * Builds a {@link Dhcp4Message}. Options keep the order in which they were first put
 * (replacing a value keeps its place), except relay agent information (82), which
 * {@link #build()} always writes last, where RFC 3046 §2.1 puts it. Values may be longer than
 * 255 bytes: the encoder splits them per RFC 3396.
 *
 * <p>Not thread-safe; one builder per reply.
 */
public final class Dhcp4MessageBuilder {

    /*
     * One array, as in a decoded message: the header at 0..235, option values appended after it,
     * located by (code, offset, length) triples in index. build() hands both arrays to the message
     * without copying and the builder copies them before its next change (copy on write), so a
     * reply costs one array for its bytes.
     */
    private byte[] buf = new byte[Dhcp4Message.HEADER_LENGTH + 96];
    private int length = Dhcp4Message.HEADER_LENGTH;
    private int[] index = new int[3 * 12];
    private int count;
    private boolean shared;

    Dhcp4MessageBuilder() {
        buf[Dhcp4Message.OFF_OP] = Dhcp4Message.BOOTREQUEST;
        buf[Dhcp4Message.OFF_HTYPE] = 1;
        buf[Dhcp4Message.OFF_HLEN] = 6;
    }

    Dhcp4MessageBuilder(Dhcp4Message m) {
        System.arraycopy(m.buffer(), 0, buf, 0, Dhcp4Message.OFF_SNAME);
        System.arraycopy(m.snameBytes(), 0, buf, Dhcp4Message.OFF_SNAME, Dhcp4Message.SNAME_LENGTH);
        System.arraycopy(m.fileBytes(), 0, buf, Dhcp4Message.OFF_FILE, Dhcp4Message.FILE_LENGTH);
        for (int i = 0; i < m.optionCount(); i++) {
            append(m.codeAt(i), m.buffer(), m.offsetAt(i), m.lengthAt(i));
        }
    }

    /**
     * A reply to {@code request}, filled per RFC 2131 §4.3.1 table 3: op BOOTREPLY; htype, hlen,
     * chaddr, xid, flags and giaddr copied; hops and secs 0; ciaddr copied for a DHCPACK (the
     * request's ciaddr, 0 if it had none) and 0 otherwise; yiaddr, siaddr, sname and file left for
     * the caller. Options: the message type first, then the client identifier (61) echoed as
     * RFC 6842 requires, and relay agent information (82) echoed, written last (RFC 3046 §2.2).
     * The caller appends the rest in the order it wants (e.g. the parameter request list's).
     */
    public static Dhcp4MessageBuilder replyTo(Dhcp4Message request, MessageType type) {
        Dhcp4MessageBuilder b = new Dhcp4MessageBuilder();
        byte[] req = request.buffer();
        byte[] h = b.buf;
        h[Dhcp4Message.OFF_OP] = Dhcp4Message.BOOTREPLY;
        h[Dhcp4Message.OFF_HTYPE] = req[Dhcp4Message.OFF_HTYPE];
        h[Dhcp4Message.OFF_HLEN] = req[Dhcp4Message.OFF_HLEN];
        System.arraycopy(req, Dhcp4Message.OFF_XID, h, Dhcp4Message.OFF_XID, 4);
        System.arraycopy(req, Dhcp4Message.OFF_FLAGS, h, Dhcp4Message.OFF_FLAGS, 2);
        if (type.equals(MessageType.ACK)) {
            System.arraycopy(req, Dhcp4Message.OFF_CIADDR, h, Dhcp4Message.OFF_CIADDR, 4);
        }
        System.arraycopy(req, Dhcp4Message.OFF_GIADDR, h, Dhcp4Message.OFF_GIADDR, 4);
        System.arraycopy(req, Dhcp4Message.OFF_CHADDR, h, Dhcp4Message.OFF_CHADDR, Dhcp4Message.CHADDR_LENGTH);
        b.append(53, type.value());
        b.echo(request, 61);
        b.echo(request, 82);
        return b;
    }

    private void echo(Dhcp4Message request, int code) {
        int i = request.find(code);
        if (i >= 0) {
            append(code, request.buffer(), request.offsetAt(i), request.lengthAt(i));
        }
    }

    // ---- header ------------------------------------------------------------------------------

    public Dhcp4MessageBuilder op(int op) {
        return octet(Dhcp4Message.OFF_OP, op, "op");
    }

    public Dhcp4MessageBuilder htype(int htype) {
        return octet(Dhcp4Message.OFF_HTYPE, htype, "htype");
    }

    public Dhcp4MessageBuilder hlen(int hlen) {
        if (hlen > Dhcp4Message.CHADDR_LENGTH) {
            throw new IllegalArgumentException("hlen above 16: " + hlen);
        }
        return octet(Dhcp4Message.OFF_HLEN, hlen, "hlen");
    }

    public Dhcp4MessageBuilder hops(int hops) {
        return octet(Dhcp4Message.OFF_HOPS, hops, "hops");
    }

    public Dhcp4MessageBuilder xid(int xid) {
        return int32(Dhcp4Message.OFF_XID, xid);
    }

    public Dhcp4MessageBuilder secs(int secs) {
        return uint16(Dhcp4Message.OFF_SECS, secs, "secs");
    }

    public Dhcp4MessageBuilder flags(int flags) {
        return uint16(Dhcp4Message.OFF_FLAGS, flags, "flags");
    }

    public Dhcp4MessageBuilder broadcast(boolean broadcast) {
        int flags = Dhcp4Message.uint16(buf, Dhcp4Message.OFF_FLAGS);
        return flags(broadcast ? flags | Dhcp4Message.FLAG_BROADCAST : flags & ~Dhcp4Message.FLAG_BROADCAST);
    }

    public Dhcp4MessageBuilder ciaddr(int address) {
        return int32(Dhcp4Message.OFF_CIADDR, address);
    }

    public Dhcp4MessageBuilder yiaddr(int address) {
        return int32(Dhcp4Message.OFF_YIADDR, address);
    }

    public Dhcp4MessageBuilder siaddr(int address) {
        return int32(Dhcp4Message.OFF_SIADDR, address);
    }

    public Dhcp4MessageBuilder giaddr(int address) {
        return int32(Dhcp4Message.OFF_GIADDR, address);
    }

    public Dhcp4MessageBuilder ciaddr(Ipv4Address address) {
        return ciaddr(address.value());
    }

    public Dhcp4MessageBuilder yiaddr(Ipv4Address address) {
        return yiaddr(address.value());
    }

    public Dhcp4MessageBuilder siaddr(Ipv4Address address) {
        return siaddr(address.value());
    }

    public Dhcp4MessageBuilder giaddr(Ipv4Address address) {
        return giaddr(address.value());
    }

    /** Up to 16 bytes of {@code chaddr}, zero-padded; {@code htype}/{@code hlen} are set separately. */
    public Dhcp4MessageBuilder chaddr(byte[] chaddr) {
        return field(Dhcp4Message.OFF_CHADDR, Dhcp4Message.CHADDR_LENGTH, chaddr, "chaddr");
    }

    /** An Ethernet client: htype 1, hlen 6, chaddr the 6-byte MAC. */
    public Dhcp4MessageBuilder ethernet(byte[] mac) {
        if (mac.length != 6) {
            throw new IllegalArgumentException("an Ethernet MAC is 6 bytes, got " + mac.length);
        }
        return htype(1).hlen(6).chaddr(mac);
    }

    public Dhcp4MessageBuilder sname(byte[] sname) {
        return field(Dhcp4Message.OFF_SNAME, Dhcp4Message.SNAME_LENGTH, sname, "sname");
    }

    /** {@code sname} as ISO-8859-1 text; at most 63 bytes so a terminating NUL always fits. */
    public Dhcp4MessageBuilder sname(String sname) {
        return text(Dhcp4Message.OFF_SNAME, Dhcp4Message.SNAME_LENGTH, sname, "sname");
    }

    public Dhcp4MessageBuilder file(byte[] file) {
        return field(Dhcp4Message.OFF_FILE, Dhcp4Message.FILE_LENGTH, file, "file");
    }

    /** {@code file} as ISO-8859-1 text; at most 127 bytes so a terminating NUL always fits. */
    public Dhcp4MessageBuilder file(String file) {
        return text(Dhcp4Message.OFF_FILE, Dhcp4Message.FILE_LENGTH, file, "file");
    }

    // ---- options -----------------------------------------------------------------------------

    public Dhcp4MessageBuilder messageType(MessageType type) {
        own();
        int i = find(53);
        if (i < 0) {
            append(53, type.value());
        } else {
            buf[index[3 * i + 1]] = (byte) type.value();
        }
        return this;
    }

    /** Sets the typed value of {@code def}'s option. */
    public <T> Dhcp4MessageBuilder put(OptionDef<T> def, T value) {
        return putOption(def.code().value(), def.encode(value));
    }

    public Dhcp4MessageBuilder putOption(OptionCode code, byte[] value) {
        return putOption(code.value(), value);
    }

    /**
     * Sets option {@code code} to a copy of {@code value}: in place if present, else appended.
     * Pad (0), end (255) and overload (52) are the encoder's business and are refused.
     */
    public Dhcp4MessageBuilder putOption(int code, byte[] value) {
        OptionCode.valueOf(code);
        if (code == 0 || code == 255 || code == 52) {
            throw new IllegalArgumentException("option " + code + " is written by the encoder, not put");
        }
        if (code == 53 && value.length != 1) {
            throw new IllegalArgumentException("the message type is one byte");
        }
        own();
        int i = find(code);
        if (i < 0) {
            append(code, value, 0, value.length);
        } else {
            index[3 * i + 1] = store(value, 0, value.length);
            index[3 * i + 2] = value.length;
        }
        return this;
    }

    public Dhcp4MessageBuilder removeOption(OptionCode code) {
        own();
        int i = find(code.value());
        if (i >= 0) {
            System.arraycopy(index, 3 * (i + 1), index, 3 * i, 3 * (count - i - 1));
            count--;
        }
        return this;
    }

    public boolean has(OptionCode code) {
        return find(code.value()) >= 0;
    }

    /** Builds the message; it needs a message type. The builder stays usable. */
    public Dhcp4Message build() {
        if (find(53) < 0) {
            throw new IllegalStateException("a DHCP message needs a message type (option 53)");
        }
        int relay = find(82);
        if (relay >= 0 && relay != count - 1) {
            own();
            int code = index[3 * relay];
            int off = index[3 * relay + 1];
            int len = index[3 * relay + 2];
            System.arraycopy(index, 3 * (relay + 1), index, 3 * relay, 3 * (count - relay - 1));
            index[3 * (count - 1)] = code;
            index[3 * (count - 1) + 1] = off;
            index[3 * (count - 1) + 2] = len;
        }
        shared = true;
        return new Dhcp4Message(buf, index, count, 0);
    }

    /** Copy on write: after build() the arrays belong to the message too. */
    private void own() {
        if (shared) {
            buf = buf.clone();
            index = index.clone();
            shared = false;
        }
    }

    private void append(int code, int singleByte) {
        if (length + 1 > buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        buf[length] = (byte) singleByte;
        append(code, length++, 1);
    }

    private void append(int code, byte[] src, int off, int len) {
        append(code, store(src, off, len), len);
    }

    private void append(int code, int at, int len) {
        if (3 * count + 3 > index.length) {
            index = Arrays.copyOf(index, index.length * 2);
        }
        index[3 * count] = code;
        index[3 * count + 1] = at;
        index[3 * count + 2] = len;
        count++;
    }

    private int store(byte[] src, int off, int len) {
        if (length + len > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + len));
        }
        System.arraycopy(src, off, buf, length, len);
        int at = length;
        length += len;
        return at;
    }

    private int find(int code) {
        for (int i = 0; i < count; i++) {
            if (index[3 * i] == code) {
                return i;
            }
        }
        return -1;
    }

    private Dhcp4MessageBuilder octet(int off, int value, String name) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(name + " is an octet: " + value);
        }
        own();
        buf[off] = (byte) value;
        return this;
    }

    private Dhcp4MessageBuilder uint16(int off, int value, String name) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(name + " is 16 bits: " + value);
        }
        own();
        buf[off] = (byte) (value >>> 8);
        buf[off + 1] = (byte) value;
        return this;
    }

    private Dhcp4MessageBuilder int32(int off, int value) {
        own();
        buf[off] = (byte) (value >>> 24);
        buf[off + 1] = (byte) (value >>> 16);
        buf[off + 2] = (byte) (value >>> 8);
        buf[off + 3] = (byte) value;
        return this;
    }

    private Dhcp4MessageBuilder field(int off, int size, byte[] value, String name) {
        Objects.requireNonNull(value, name);
        if (value.length > size) {
            throw new IllegalArgumentException(name + " holds at most " + size + " bytes, got " + value.length);
        }
        own();
        Arrays.fill(buf, off, off + size, (byte) 0);
        System.arraycopy(value, 0, buf, off, value.length);
        return this;
    }

    private Dhcp4MessageBuilder text(int off, int size, String value, String name) {
        byte[] bytes = Latin1.encode(value);
        if (bytes.length >= size) {
            throw new IllegalArgumentException(name + " text holds at most " + (size - 1) + " bytes: " + value);
        }
        return field(off, size, bytes, name);
    }
}
