package io.leaseledger.wire.dhcp4;

/**
 * A DHCPv4 option code (0–255). Open: every code is representable, known or not, so an
 * unknown option is kept and re-encoded rather than rejected (like Netty's {@code DnsOpCode.valueOf}).
 * {@link #valueOf(int)} returns a shared instance, so looking codes up allocates nothing.
 */
public record OptionCode(int value) implements Comparable<OptionCode> {

    private static final OptionCode[] CACHE = new OptionCode[256];

    static {
        for (int i = 0; i < CACHE.length; i++) {
            CACHE[i] = new OptionCode(i);
        }
    }

    public static final OptionCode PAD = CACHE[0];
    public static final OptionCode SUBNET_MASK = CACHE[1];
    public static final OptionCode ROUTERS = CACHE[3];
    public static final OptionCode DOMAIN_NAME_SERVERS = CACHE[6];
    public static final OptionCode HOST_NAME = CACHE[12];
    public static final OptionCode DOMAIN_NAME = CACHE[15];
    public static final OptionCode BROADCAST_ADDRESS = CACHE[28];
    public static final OptionCode NTP_SERVERS = CACHE[42];
    public static final OptionCode VENDOR_SPECIFIC = CACHE[43];
    public static final OptionCode REQUESTED_IP_ADDRESS = CACHE[50];
    public static final OptionCode LEASE_TIME = CACHE[51];
    public static final OptionCode OPTION_OVERLOAD = CACHE[52];
    public static final OptionCode MESSAGE_TYPE = CACHE[53];
    public static final OptionCode SERVER_IDENTIFIER = CACHE[54];
    public static final OptionCode PARAMETER_REQUEST_LIST = CACHE[55];
    public static final OptionCode MAX_MESSAGE_SIZE = CACHE[57];
    public static final OptionCode RENEWAL_TIME = CACHE[58];
    public static final OptionCode REBINDING_TIME = CACHE[59];
    public static final OptionCode VENDOR_CLASS_IDENTIFIER = CACHE[60];
    public static final OptionCode CLIENT_IDENTIFIER = CACHE[61];
    public static final OptionCode TFTP_SERVER_NAME = CACHE[66];
    public static final OptionCode BOOTFILE_NAME = CACHE[67];
    public static final OptionCode USER_CLASS = CACHE[77];
    public static final OptionCode CLIENT_FQDN = CACHE[81];
    public static final OptionCode RELAY_AGENT_INFORMATION = CACHE[82];
    public static final OptionCode CLIENT_SYSTEM_ARCHITECTURE = CACHE[93];
    public static final OptionCode CLIENT_NETWORK_INTERFACE_ID = CACHE[94];
    public static final OptionCode CLIENT_MACHINE_ID = CACHE[97];
    public static final OptionCode SUBNET_SELECTION = CACHE[118];
    public static final OptionCode DOMAIN_SEARCH = CACHE[119];
    public static final OptionCode CLASSLESS_STATIC_ROUTES = CACHE[121];
    public static final OptionCode TFTP_SERVER_ADDRESSES = CACHE[150];
    public static final OptionCode IPXE_ENCAPSULATED = CACHE[175];
    public static final OptionCode END = CACHE[255];

    public OptionCode {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("option code out of range 0..255: " + value);
        }
    }

    /** The shared instance for {@code code}; never throws for 0–255, whether the code is known or not. */
    public static OptionCode valueOf(int code) {
        if (code < 0 || code > 255) {
            throw new IllegalArgumentException("option code out of range 0..255: " + code);
        }
        return CACHE[code];
    }

    /** True for pad (0) and end (255), which have no length byte and are never stored as options. */
    public boolean isStructural() {
        return value == 0 || value == 255;
    }

    /** The catalogue name ({@code "routers"}), or {@code "unknown-N"} for a code the catalogue does not list. */
    public String optionName() {
        return OptionCatalog.find(value).map(OptionDef::name).orElse("unknown-" + value);
    }

    @Override
    public int compareTo(OptionCode o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return optionName() + "(" + value + ")";
    }
}
