package io.leaseledger.wire.dhcp6;

import static io.leaseledger.wire.dhcp6.Dhcp6DecodeException.Reason.BAD_OPTION_VALUE;

import io.leaseledger.wire.dhcp4.DnsNames;
import java.io.ByteArrayOutputStream;
import java.net.Inet6Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The option codes this server reads or writes (RFC 8415 §21, RFC 3646, RFC 8357) and typed
 * reads and writes of their values. Everything else stays raw bytes.
 */
public final class Dhcp6Options {

    public static final int CLIENTID = 1;
    public static final int SERVERID = 2;
    public static final int IA_NA = 3;
    public static final int IA_TA = 4;
    public static final int IAADDR = 5;
    public static final int ORO = 6;
    public static final int PREFERENCE = 7;
    public static final int ELAPSED_TIME = 8;
    public static final int RELAY_MSG = 9;
    public static final int STATUS_CODE = 13;
    public static final int RAPID_COMMIT = 14;
    public static final int USER_CLASS = 15;
    public static final int VENDOR_CLASS = 16;
    public static final int INTERFACE_ID = 18;
    public static final int DNS_SERVERS = 23;
    public static final int DOMAIN_LIST = 24;
    public static final int IA_PD = 25;
    public static final int SNTP_SERVERS = 31;
    public static final int INFORMATION_REFRESH_TIME = 32;
    public static final int NTP_SERVER = 56;
    /** RFC 5908 §4.1: the NTP Server Address sub-option of option 56. */
    public static final int NTP_SUBOPTION_SRV_ADDR = 1;
    public static final int SOL_MAX_RT = 82;
    public static final int INF_MAX_RT = 83;
    public static final int RELAY_SOURCE_PORT = 135;

    /** The options that carry identity associations: a client asking for addresses or prefixes. */
    public static final List<Integer> IA_OPTIONS = List.of(IA_NA, IA_TA, IA_PD);

    private Dhcp6Options() {}

    /** The codes of an Option Request option (RFC 8415 §21.7): pairs of bytes. */
    public static List<Integer> requested(Dhcp6Option oro) {
        byte[] b = oro.raw();
        if (b.length % 2 != 0) {
            throw new Dhcp6DecodeException(BAD_OPTION_VALUE, "option request of odd length " + b.length);
        }
        List<Integer> codes = new ArrayList<>(b.length / 2);
        for (int i = 0; i < b.length; i += 2) {
            codes.add((b[i] & 0xFF) << 8 | b[i + 1] & 0xFF);
        }
        return codes;
    }

    /**
     * An identity association for non-temporary addresses (RFC 8415 §21.4) or for prefixes
     * (§21.21, the same header): its IAID, T1, T2 and nested options. IA_TA has no T1/T2 (§21.5).
     */
    public record IdentityAssociation(int code, byte[] iaid, long t1, long t2, List<Dhcp6Option> options) {
        public IdentityAssociation {
            iaid = iaid.clone();
            options = List.copyOf(options);
        }

        @Override
        public byte[] iaid() {
            return iaid.clone();
        }

        /** The addresses of its IA Address options (RFC 8415 §21.6). */
        public List<Inet6Address> addresses() {
            List<Inet6Address> addresses = new ArrayList<>();
            for (Dhcp6Option option : options) {
                if (option.code() == IAADDR) {
                    if (option.length() < 24) {
                        throw new Dhcp6DecodeException(BAD_OPTION_VALUE, "IA address option of " + option.length() + " bytes");
                    }
                    addresses.add(address(option.raw(), 0));
                }
            }
            return addresses;
        }
    }

    public static IdentityAssociation identityAssociation(Dhcp6Option option) {
        byte[] b = option.raw();
        int header = option.code() == IA_TA ? 4 : 12;
        if (b.length < header) {
            throw new Dhcp6DecodeException(BAD_OPTION_VALUE, "identity association (option " + option.code() + ") of "
                    + b.length + " bytes");
        }
        long t1 = header == 12 ? uint32(b, 4) : 0;
        long t2 = header == 12 ? uint32(b, 8) : 0;
        return new IdentityAssociation(option.code(), Arrays.copyOf(b, 4), t1, t2,
                Dhcp6Codec.options(b, header, b.length - header));
    }

    /** The same IA, with no addresses and T1/T2 zero, carrying only {@code status} (RFC 8415 §18.3.2, §18.3.7). */
    public static Dhcp6Option identityAssociationWithStatus(IdentityAssociation ia, StatusCode status, String message) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(ia.iaid());
        if (ia.code() != IA_TA) {
            out.writeBytes(new byte[8]);
        }
        Dhcp6Codec.writeOptions(out, List.of(status(status, message)));
        return new Dhcp6Option(ia.code(), out.toByteArray());
    }

    /** Status codes (RFC 8415 §21.13). */
    public enum StatusCode {
        SUCCESS(0), UNSPEC_FAIL(1), NO_ADDRS_AVAIL(2), NO_BINDING(3), NOT_ON_LINK(4), USE_MULTICAST(5),
        NO_PREFIX_AVAIL(6);

        private final int value;

        StatusCode(int value) {
            this.value = value;
        }

        public int value() {
            return value;
        }
    }

    public static Dhcp6Option status(StatusCode code, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] value = new byte[2 + text.length];
        value[0] = (byte) (code.value >>> 8);
        value[1] = (byte) code.value;
        System.arraycopy(text, 0, value, 2, text.length);
        return new Dhcp6Option(STATUS_CODE, value);
    }

    /** The status code of a Status Code option's value. */
    public static int statusCode(Dhcp6Option option) {
        byte[] b = option.raw();
        if (b.length < 2) {
            throw new Dhcp6DecodeException(BAD_OPTION_VALUE, "status code option of " + b.length + " bytes");
        }
        return (b[0] & 0xFF) << 8 | b[1] & 0xFF;
    }

    public static Dhcp6Option addresses(int code, List<Inet6Address> addresses) {
        var out = new ByteArrayOutputStream(16 * addresses.size());
        addresses.forEach(a -> out.writeBytes(Dhcp6Codec.bytes(a)));
        return new Dhcp6Option(code, out.toByteArray());
    }

    /** A list of addresses (DNS servers, SNTP servers, ...): 16 bytes each. */
    public static List<Inet6Address> addresses(Dhcp6Option option) {
        byte[] b = option.raw();
        if (b.length % 16 != 0) {
            throw new Dhcp6DecodeException(BAD_OPTION_VALUE, "address list of " + b.length + " bytes");
        }
        List<Inet6Address> addresses = new ArrayList<>();
        for (int i = 0; i < b.length; i += 16) {
            addresses.add(address(b, i));
        }
        return addresses;
    }

    /** The NTP Server option (RFC 5908): one Server Address sub-option per address. */
    public static Dhcp6Option ntpServers(List<Inet6Address> addresses) {
        var out = new ByteArrayOutputStream();
        Dhcp6Codec.writeOptions(out, addresses.stream()
                .map(a -> new Dhcp6Option(NTP_SUBOPTION_SRV_ADDR, Dhcp6Codec.bytes(a))).toList());
        return new Dhcp6Option(NTP_SERVER, out.toByteArray());
    }

    /** The server addresses of an NTP Server option; sub-options of other kinds (multicast, FQDN) are passed over. */
    public static List<Inet6Address> ntpServers(Dhcp6Option option) {
        List<Inet6Address> addresses = new ArrayList<>();
        for (Dhcp6Option sub : Dhcp6Codec.options(option.raw(), 0, option.length())) {
            if (sub.code() == NTP_SUBOPTION_SRV_ADDR) {
                if (sub.length() != 16) {
                    throw new Dhcp6DecodeException(BAD_OPTION_VALUE, "NTP server address of " + sub.length() + " bytes");
                }
                addresses.add(address(sub.raw(), 0));
            }
        }
        return addresses;
    }

    /** A domain search list (RFC 3646 §4): uncompressed names (RFC 8415 §10). */
    public static Dhcp6Option domainList(List<String> names) {
        return new Dhcp6Option(DOMAIN_LIST, DnsNames.encodeList(names, false));
    }

    /** The names of a domain search list: uncompressed labels, each name ending with the root label. */
    public static List<String> domainList(Dhcp6Option option) {
        byte[] b = option.raw();
        List<String> names = new ArrayList<>();
        var name = new StringBuilder();
        int p = 0;
        while (p < b.length) {
            int length = b[p] & 0xFF;
            if (length == 0) {
                names.add(name.append('.').toString());
                name.setLength(0);
                p++;
                continue;
            }
            if (length > 63 || p + 1 + length > b.length) {
                throw new Dhcp6DecodeException(BAD_OPTION_VALUE, "domain list label of " + length + " bytes at " + p);
            }
            if (!name.isEmpty()) {
                name.append('.');
            }
            name.append(new String(b, p + 1, length, StandardCharsets.ISO_8859_1));
            p += 1 + length;
        }
        if (!name.isEmpty()) {
            throw new Dhcp6DecodeException(BAD_OPTION_VALUE, "domain list ends inside a name");
        }
        return names;
    }

    /** A 32-bit value (information refresh time, SOL_MAX_RT, ...). */
    public static long uint32(Dhcp6Option option) {
        if (option.length() != 4) {
            throw new Dhcp6DecodeException(BAD_OPTION_VALUE, "option " + option.code() + " of " + option.length()
                    + " bytes where 4 are due");
        }
        return uint32(option.raw(), 0);
    }

    public static Dhcp6Option uint32(int code, long value) {
        if (value < 0 || value > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("option " + code + " value out of range 0..2^32-1: " + value);
        }
        return new Dhcp6Option(code, new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    static long uint32(byte[] b, int off) {
        return (b[off] & 0xFFL) << 24 | (b[off + 1] & 0xFFL) << 16 | (b[off + 2] & 0xFFL) << 8 | b[off + 3] & 0xFFL;
    }

    static Inet6Address address(byte[] b, int off) {
        return Dhcp6Codec.address(b, off);
    }
}
