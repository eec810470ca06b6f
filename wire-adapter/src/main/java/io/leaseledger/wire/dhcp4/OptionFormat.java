package io.leaseledger.wire.dhcp4;

/** The wire format of an option value, as the catalogue documents it. */
public enum OptionFormat {
    /** Pad (0) and end (255): a single octet, no length, never stored. */
    STRUCTURAL("no length byte"),
    IPV4("one IPv4 address, 4 bytes"),
    IPV4_LIST("IPv4 addresses, 4n bytes, n ≥ 1"),
    UINT8("unsigned 8-bit"),
    UINT16("unsigned 16-bit, network order"),
    UINT32("unsigned 32-bit, network order (seconds)"),
    STRING("bytes as ISO-8859-1 text, trailing NULs dropped on read"),
    BYTES("opaque bytes"),
    MESSAGE_TYPE("one octet, open value type"),
    OPTION_CODES("list of option code octets"),
    USER_CLASS("RFC 3004 length-prefixed instances, or one bare string"),
    CLIENT_FQDN("flags, 2 rcode octets, DNS wire or ASCII name"),
    RELAY_AGENT_INFO("sub-option TLVs"),
    ARCH_LIST("unsigned 16-bit architecture types, 2n bytes"),
    NDI("type, major, minor octets"),
    MACHINE_ID("type octet, identifier"),
    DOMAIN_LIST("DNS wire names, compression allowed"),
    CLASSLESS_ROUTES("prefix length, significant destination octets, router");

    private final String description;

    OptionFormat(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
