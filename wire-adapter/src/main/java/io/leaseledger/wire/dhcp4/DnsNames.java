package io.leaseledger.wire.dhcp4;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.leaseledger.wire.dhcp4.Dhcp4DecodeException.Reason.BAD_OPTION_VALUE;

/**
 * DNS names in RFC 1035 wire format, as options 81 (RFC 4702) and 119 (RFC 3397) carry them.
 * Names are dotted strings without the root's trailing dot; labels are ISO-8859-1, 1–63 bytes, a
 * name at most 255 bytes on the wire.
 */
public final class DnsNames {

    private static final int MAX_NAME = 255;

    private DnsNames() {}

    /** Throws {@link IllegalArgumentException} when {@code name} cannot be written as labels. */
    public static void validate(String name, boolean allowEmpty) {
        if (name.isEmpty()) {
            if (!allowEmpty) {
                throw new IllegalArgumentException("empty domain name");
            }
            return;
        }
        if (!Latin1.isLatin1(name)) {
            throw new IllegalArgumentException("domain name has multi-byte characters: " + name);
        }
        if (name.length() + 2 > MAX_NAME) {
            throw new IllegalArgumentException("domain name longer than 255 bytes on the wire: " + name);
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63) {
                throw new IllegalArgumentException("label must be 1..63 bytes in " + name);
            }
        }
    }

    /**
     * An RFC 4702 §2.3.1 name: labels to the end of the value. A zero-length label ends a fully
     * qualified name (returned with a trailing dot); running out of bytes ends a partial one.
     */
    static String decodeFqdn(byte[] b, int off, int len, int code) {
        StringBuilder name = new StringBuilder();
        int p = off;
        int end = off + len;
        while (p < end) {
            int labelLength = b[p] & 0xFF;
            if (labelLength == 0) {
                if (p + 1 != end) {
                    throw new Dhcp4DecodeException(BAD_OPTION_VALUE, code, "bytes after the root label");
                }
                return name.append('.').toString();
            }
            if (labelLength > 63) {
                throw new Dhcp4DecodeException(BAD_OPTION_VALUE, code, "label length " + labelLength + " (compression is not allowed here)");
            }
            if (p + 1 + labelLength > end) {
                throw new Dhcp4DecodeException(BAD_OPTION_VALUE, code, "label runs past the option");
            }
            appendLabel(name, b, p + 1, labelLength, code);
            p += 1 + labelLength;
        }
        return name.toString();
    }

    /** RFC 3397: a sequence of names, each ending with the root label or a compression pointer. */
    static List<String> decodeList(byte[] b, int off, int len, int code) {
        List<String> names = new ArrayList<>();
        int p = 0;
        while (p < len) {
            StringBuilder name = new StringBuilder();
            p = readCompressed(b, off, len, p, name, code);
            names.add(name.toString());
        }
        return names;
    }

    /** Reads one possibly compressed name starting at relative offset {@code start}; returns the offset after it. */
    private static int readCompressed(byte[] b, int off, int len, int start, StringBuilder name, int code) {
        int p = start;
        int next = -1;
        int wire = 1;
        while (true) {
            if (p >= len) {
                throw new Dhcp4DecodeException(BAD_OPTION_VALUE, code, "name runs past the option");
            }
            int labelLength = b[off + p] & 0xFF;
            if (labelLength == 0) {
                return next < 0 ? p + 1 : next;
            }
            if ((labelLength & 0xC0) == 0xC0) {
                if (p + 1 >= len) {
                    throw new Dhcp4DecodeException(BAD_OPTION_VALUE, code, "truncated compression pointer");
                }
                int target = (labelLength & 0x3F) << 8 | b[off + p + 1] & 0xFF;
                // Only strictly backward pointers: this alone guarantees termination on hostile input.
                if (target >= p) {
                    throw new Dhcp4DecodeException(BAD_OPTION_VALUE, code, "compression pointer does not point backwards");
                }
                if (next < 0) {
                    next = p + 2;
                }
                p = target;
                continue;
            }
            if (labelLength > 63) {
                throw new Dhcp4DecodeException(BAD_OPTION_VALUE, code, "reserved label type " + labelLength);
            }
            if (p + 1 + labelLength > len) {
                throw new Dhcp4DecodeException(BAD_OPTION_VALUE, code, "label runs past the option");
            }
            wire += 1 + labelLength;
            if (wire > MAX_NAME) {
                throw new Dhcp4DecodeException(BAD_OPTION_VALUE, code, "name longer than 255 bytes");
            }
            appendLabel(name, b, off + p + 1, labelLength, code);
            p += 1 + labelLength;
        }
    }

    private static void appendLabel(StringBuilder name, byte[] b, int from, int length, int code) {
        if (!name.isEmpty() && name.charAt(name.length() - 1) != '.') {
            name.append('.');
        }
        for (int i = from; i < from + length; i++) {
            char c = (char) (b[i] & 0xFF);
            if (c == '.') {
                // A dot inside a label cannot be told apart from a label boundary in the string form.
                throw new Dhcp4DecodeException(BAD_OPTION_VALUE, code, "dot inside a label");
            }
            name.append(c);
        }
    }

    /** Labels of {@code name}; a trailing dot (fully qualified) adds the root label. */
    static byte[] encodeFqdn(String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean qualified = name.endsWith(".");
        String bare = qualified ? name.substring(0, name.length() - 1) : name;
        if (!bare.isEmpty()) {
            writeLabels(out, bare);
        }
        if (qualified) {
            out.write(0);
        }
        return out.toByteArray();
    }

    /** RFC 3397 list; with {@code compress}, repeated suffixes become pointers (RFC 1035 §4.1.4). */
    public static byte[] encodeList(List<String> names, boolean compress) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Integer> suffixes = new HashMap<>();
        for (String name : names) {
            validate(name, true);
            String rest = name;
            while (!rest.isEmpty()) {
                Integer at = compress ? suffixes.get(rest) : null;
                if (at != null) {
                    out.write(0xC0 | at >> 8);
                    out.write(at & 0xFF);
                    break;
                }
                if (out.size() <= 0x3FFF) {
                    suffixes.putIfAbsent(rest, out.size());
                }
                int dot = rest.indexOf('.');
                String label = dot < 0 ? rest : rest.substring(0, dot);
                out.write(label.length());
                out.writeBytes(Latin1.encode(label));
                rest = dot < 0 ? "" : rest.substring(dot + 1);
                if (rest.isEmpty()) {
                    out.write(0);
                }
            }
            if (name.isEmpty()) {
                out.write(0);
            }
        }
        return out.toByteArray();
    }

    private static void writeLabels(ByteArrayOutputStream out, String name) {
        validate(name, false);
        for (String label : name.split("\\.")) {
            out.write(label.length());
            out.writeBytes(Latin1.encode(label));
        }
    }
}
