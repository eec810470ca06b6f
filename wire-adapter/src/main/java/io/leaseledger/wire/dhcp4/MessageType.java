package io.leaseledger.wire.dhcp4;

/**
 * The DHCP message type (option 53, RFC 2132 §9.6, RFC 3203, RFC 4388, RFC 6926). Open: a
 * value nobody has assigned is still a {@code MessageType}, so the decoder never throws on it;
 * the handler decides what to do with {@link #isKnown() unknown} types.
 */
public record MessageType(int value) {

    private static final String[] NAMES = {
        null, "DHCPDISCOVER", "DHCPOFFER", "DHCPREQUEST", "DHCPDECLINE", "DHCPACK", "DHCPNAK",
        "DHCPRELEASE", "DHCPINFORM", "DHCPFORCERENEW", "DHCPLEASEQUERY", "DHCPLEASEUNASSIGNED",
        "DHCPLEASEUNKNOWN", "DHCPLEASEACTIVE", "DHCPBULKLEASEQUERY", "DHCPLEASEQUERYDONE",
        "DHCPACTIVELEASEQUERY", "DHCPLEASEQUERYSTATUS", "DHCPTLS"
    };
    private static final MessageType[] CACHE = new MessageType[256];

    static {
        for (int i = 0; i < CACHE.length; i++) {
            CACHE[i] = new MessageType(i);
        }
    }

    public static final MessageType DISCOVER = CACHE[1];
    public static final MessageType OFFER = CACHE[2];
    public static final MessageType REQUEST = CACHE[3];
    public static final MessageType DECLINE = CACHE[4];
    public static final MessageType ACK = CACHE[5];
    public static final MessageType NAK = CACHE[6];
    public static final MessageType RELEASE = CACHE[7];
    public static final MessageType INFORM = CACHE[8];
    public static final MessageType FORCERENEW = CACHE[9];

    public MessageType {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("message type out of range 0..255: " + value);
        }
    }

    /** The shared instance for {@code value} (0–255), known or not. */
    public static MessageType valueOf(int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("message type out of range 0..255: " + value);
        }
        return CACHE[value];
    }

    public boolean isKnown() {
        return value < NAMES.length && NAMES[value] != null;
    }

    /** {@code "DHCPDISCOVER"}, …, or {@code "UNKNOWN(n)"}. */
    public String typeName() {
        return isKnown() ? NAMES[value] : "UNKNOWN(" + value + ")";
    }

    @Override
    public String toString() {
        return typeName();
    }
}
