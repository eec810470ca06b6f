package io.leaseledger.wire.dhcp4;

import io.leaseledger.events.types.Ipv4Address;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static io.leaseledger.wire.dhcp4.Dhcp4DecodeException.Reason.BAD_OPTION_LENGTH;
import static io.leaseledger.wire.dhcp4.Dhcp4DecodeException.Reason.BAD_OPTION_VALUE;

/** The readers and writers behind the {@link OptionCatalog}, one pair per {@link OptionFormat}. */
final class OptionValues {

    private OptionValues() {}

    static int ipv4(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | b[off + 3] & 0xFF;
    }

    static byte[] ipv4Bytes(int bits) {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    static void requireLength(boolean ok, int code, int len, String expected) {
        if (!ok) {
            throw new Dhcp4DecodeException(BAD_OPTION_LENGTH, code, "length " + len + ", expected " + expected);
        }
    }

    static Ipv4Address readIpv4(byte[] b, int off, int len, int code) {
        requireLength(len == 4, code, len, "4");
        return Ipv4Address.of(ipv4(b, off));
    }

    static byte[] writeIpv4(Ipv4Address a) {
        return ipv4Bytes(a.value());
    }

    static List<Ipv4Address> readIpv4List(byte[] b, int off, int len, int code) {
        requireLength(len > 0 && len % 4 == 0, code, len, "a positive multiple of 4");
        List<Ipv4Address> list = new ArrayList<>(len / 4);
        for (int p = off; p < off + len; p += 4) {
            list.add(Ipv4Address.of(ipv4(b, p)));
        }
        return List.copyOf(list);
    }

    static byte[] writeIpv4List(List<Ipv4Address> list) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException("an address list option holds at least one address");
        }
        byte[] out = new byte[list.size() * 4];
        for (int i = 0; i < list.size(); i++) {
            System.arraycopy(ipv4Bytes(list.get(i).value()), 0, out, i * 4, 4);
        }
        return out;
    }

    static Integer readUint8(byte[] b, int off, int len, int code) {
        requireLength(len == 1, code, len, "1");
        return b[off] & 0xFF;
    }

    static byte[] writeUint8(Integer v) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException("not an unsigned 8-bit value: " + v);
        }
        return new byte[] {(byte) (int) v};
    }

    static Integer readUint16(byte[] b, int off, int len, int code) {
        requireLength(len == 2, code, len, "2");
        return (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF;
    }

    static byte[] writeUint16(Integer v) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException("not an unsigned 16-bit value: " + v);
        }
        return new byte[] {(byte) (v >>> 8), (byte) (int) v};
    }

    static Long readUint32(byte[] b, int off, int len, int code) {
        requireLength(len == 4, code, len, "4");
        return ipv4(b, off) & 0xFFFFFFFFL;
    }

    static byte[] writeUint32(Long v) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("not an unsigned 32-bit value: " + v);
        }
        return ipv4Bytes((int) (long) v);
    }

    /** Text; trailing NULs are dropped because several clients (and Windows) NUL-terminate. */
    static String readString(byte[] b, int off, int len, int code) {
        requireLength(len > 0, code, len, "at least 1");
        int end = off + len;
        while (end > off && b[end - 1] == 0) {
            end--;
        }
        return Latin1.decode(b, off, end - off);
    }

    static byte[] writeString(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("a text option holds at least one byte");
        }
        return Latin1.encode(s);
    }

    static byte[] readBytes(byte[] b, int off, int len, int code) {
        byte[] out = new byte[len];
        System.arraycopy(b, off, out, 0, len);
        return out;
    }

    static byte[] readClientId(byte[] b, int off, int len, int code) {
        requireLength(len >= 2, code, len, "at least 2 (type and identifier, RFC 2132 §9.14)");
        return readBytes(b, off, len, code);
    }

    static byte[] writeBytes(byte[] v) {
        return v.clone();
    }

    static MessageType readMessageType(byte[] b, int off, int len, int code) {
        requireLength(len == 1, code, len, "1");
        return MessageType.valueOf(b[off] & 0xFF);
    }

    static byte[] writeMessageType(MessageType t) {
        return new byte[] {(byte) t.value()};
    }

    static Integer readOverload(byte[] b, int off, int len, int code) {
        int v = readUint8(b, off, len, code);
        if (v < 1 || v > 3) {
            throw new Dhcp4DecodeException(BAD_OPTION_VALUE, code, "overload must be 1, 2 or 3, is " + v);
        }
        return v;
    }

    static List<OptionCode> readOptionCodes(byte[] b, int off, int len, int code) {
        requireLength(len > 0, code, len, "at least 1");
        OptionCode[] codes = new OptionCode[len];
        for (int i = 0; i < len; i++) {
            codes[i] = OptionCode.valueOf(b[off + i] & 0xFF);
        }
        return List.of(codes);
    }

    static byte[] writeOptionCodes(List<OptionCode> codes) {
        if (codes.isEmpty()) {
            throw new IllegalArgumentException("a parameter request list holds at least one code");
        }
        byte[] out = new byte[codes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) codes.get(i).value();
        }
        return out;
    }

    /** RFC 3004 if the bytes parse exactly as length-prefixed instances, else one bare string. */
    static UserClass readUserClass(byte[] b, int off, int len, int code) {
        requireLength(len > 0, code, len, "at least 1");
        List<String> classes = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (p < end) {
            int n = b[p] & 0xFF;
            if (n == 0 || p + 1 + n > end) {
                return UserClass.bare(Latin1.decode(b, off, len));
            }
            classes.add(Latin1.decode(b, p + 1, n));
            p += 1 + n;
        }
        return new UserClass(classes, true);
    }

    static byte[] writeUserClass(UserClass v) {
        if (!v.rfc3004()) {
            return Latin1.encode(v.classes().getFirst());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String c : v.classes()) {
            out.write(c.length());
            out.writeBytes(Latin1.encode(c));
        }
        return out.toByteArray();
    }

    static ClientFqdn readFqdn(byte[] b, int off, int len, int code) {
        requireLength(len >= 3, code, len, "at least 3 (flags, rcode1, rcode2)");
        int flags = b[off] & 0xFF;
        String name = (flags & ClientFqdn.FLAG_E) != 0
                ? DnsNames.decodeFqdn(b, off + 3, len - 3, code)
                : Latin1.decode(b, off + 3, len - 3);
        return new ClientFqdn(flags, b[off + 1] & 0xFF, b[off + 2] & 0xFF, name);
    }

    static byte[] writeFqdn(ClientFqdn v) {
        byte[] name = v.canonicalWireFormat() ? DnsNames.encodeFqdn(v.name()) : Latin1.encode(v.name());
        byte[] out = new byte[3 + name.length];
        out[0] = (byte) v.flags();
        out[1] = (byte) v.rcode1();
        out[2] = (byte) v.rcode2();
        System.arraycopy(name, 0, out, 3, name.length);
        return out;
    }

    static RelayAgentInformation readRelayAgentInfo(byte[] b, int off, int len, int code) {
        requireLength(len >= 2, code, len, "at least one sub-option (2 bytes)");
        List<RelayAgentInformation.SubOption> subs = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (p < end) {
            if (p + 2 > end || p + 2 + (b[p + 1] & 0xFF) > end) {
                throw new Dhcp4DecodeException(BAD_OPTION_VALUE, code, "sub-option runs past the option");
            }
            int sub = b[p] & 0xFF;
            int n = b[p + 1] & 0xFF;
            if ((sub == RelayAgentInformation.LINK_SELECTION || sub == RelayAgentInformation.SERVER_ID_OVERRIDE) && n != 4) {
                throw new Dhcp4DecodeException(BAD_OPTION_LENGTH, code, "sub-option " + sub + " length " + n + ", expected 4");
            }
            subs.add(new RelayAgentInformation.SubOption(sub, readBytes(b, p + 2, n, code)));
            p += 2 + n;
        }
        return new RelayAgentInformation(subs);
    }

    static byte[] writeRelayAgentInfo(RelayAgentInformation v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RelayAgentInformation.SubOption s : v.subOptions()) {
            byte[] value = s.value();
            out.write(s.code());
            out.write(value.length);
            out.writeBytes(value);
        }
        return out.toByteArray();
    }

    static List<ClientArch> readArchList(byte[] b, int off, int len, int code) {
        requireLength(len > 0 && len % 2 == 0, code, len, "a positive multiple of 2");
        List<ClientArch> list = new ArrayList<>(len / 2);
        for (int p = off; p < off + len; p += 2) {
            list.add(ClientArch.of((b[p] & 0xFF) << 8 | b[p + 1] & 0xFF));
        }
        return List.copyOf(list);
    }

    static byte[] writeArchList(List<ClientArch> list) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException("an architecture list holds at least one type");
        }
        byte[] out = new byte[list.size() * 2];
        for (int i = 0; i < list.size(); i++) {
            out[2 * i] = (byte) (list.get(i).value() >>> 8);
            out[2 * i + 1] = (byte) list.get(i).value();
        }
        return out;
    }

    static NetworkInterfaceId readNdi(byte[] b, int off, int len, int code) {
        requireLength(len == 3, code, len, "3");
        return new NetworkInterfaceId(b[off] & 0xFF, b[off + 1] & 0xFF, b[off + 2] & 0xFF);
    }

    static byte[] writeNdi(NetworkInterfaceId v) {
        return new byte[] {(byte) v.type(), (byte) v.major(), (byte) v.minor()};
    }

    static ClientMachineId readMachineId(byte[] b, int off, int len, int code) {
        requireLength(len >= 1, code, len, "at least 1 (type)");
        return new ClientMachineId(b[off] & 0xFF, readBytes(b, off + 1, len - 1, code));
    }

    static byte[] writeMachineId(ClientMachineId v) {
        byte[] id = v.id();
        byte[] out = new byte[1 + id.length];
        out[0] = (byte) v.type();
        System.arraycopy(id, 0, out, 1, id.length);
        return out;
    }

    static List<String> readDomainList(byte[] b, int off, int len, int code) {
        requireLength(len > 0, code, len, "at least 1");
        return List.copyOf(DnsNames.decodeList(b, off, len, code));
    }

    static List<ClasslessRoute> readRoutes(byte[] b, int off, int len, int code) {
        requireLength(len >= 5, code, len, "at least 5 (one default route)");
        List<ClasslessRoute> routes = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (p < end) {
            int prefix = b[p] & 0xFF;
            if (prefix > 32) {
                throw new Dhcp4DecodeException(BAD_OPTION_VALUE, code, "prefix length " + prefix + " above 32");
            }
            int width = (prefix + 7) / 8;
            if (p + 1 + width + 4 > end) {
                throw new Dhcp4DecodeException(BAD_OPTION_LENGTH, code, "route descriptor runs past the option");
            }
            int destination = 0;
            for (int i = 0; i < 4; i++) {
                destination = destination << 8 | (i < width ? b[p + 1 + i] & 0xFF : 0);
            }
            routes.add(new ClasslessRoute(Ipv4Address.of(destination), prefix, Ipv4Address.of(ipv4(b, p + 1 + width))));
            p += 1 + width + 4;
        }
        return List.copyOf(routes);
    }

    static byte[] writeRoutes(List<ClasslessRoute> routes) {
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("a classless route option holds at least one route");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ClasslessRoute r : routes) {
            out.write(r.prefixLength());
            byte[] destination = ipv4Bytes(r.destination().value());
            out.write(destination, 0, (r.prefixLength() + 7) / 8);
            out.writeBytes(ipv4Bytes(r.router().value()));
        }
        return out.toByteArray();
    }
}
