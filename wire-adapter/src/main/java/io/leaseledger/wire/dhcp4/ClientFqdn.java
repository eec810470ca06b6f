package io.leaseledger.wire.dhcp4;

/**
 * Client FQDN (option 81, RFC 4702): flags, the two deprecated RCODE octets, and the name.
 *
 * <p>With the E flag set the name travels in canonical DNS wire format (RFC 4702 §2.3.1); a fully
 * qualified name is then written here with a trailing dot ({@code "host.example.com."}) and a
 * partial name without one ({@code "host"}), so the distinction survives a round trip. With E
 * clear the name is the deprecated ASCII form, kept as the characters sent.
 */
public record ClientFqdn(int flags, int rcode1, int rcode2, String name) {

    /** S: the server should perform the A RR update. */
    public static final int FLAG_S = 0x01;
    /** O: the server has overridden the client's S preference (server to client only). */
    public static final int FLAG_O = 0x02;
    /** E: the name is in canonical wire format. */
    public static final int FLAG_E = 0x04;
    /** N: the server should perform no DNS updates. */
    public static final int FLAG_N = 0x08;

    public ClientFqdn {
        if (flags < 0 || flags > 255 || rcode1 < 0 || rcode1 > 255 || rcode2 < 0 || rcode2 > 255) {
            throw new IllegalArgumentException("flags and rcodes are octets");
        }
        if (!Latin1.isLatin1(name)) {
            throw new IllegalArgumentException("name has characters outside one byte each: " + name);
        }
        if ((flags & FLAG_E) != 0) {
            DnsNames.validate(name.endsWith(".") ? name.substring(0, name.length() - 1) : name, true);
        }
    }

    /** A name in canonical wire format (E set), rcodes 0 as RFC 4702 §2.2 asks of new senders. */
    public static ClientFqdn wire(int flags, String name) {
        return new ClientFqdn(flags | FLAG_E, 0, 0, name);
    }

    public boolean serverUpdates() {
        return (flags & FLAG_S) != 0;
    }

    public boolean overridden() {
        return (flags & FLAG_O) != 0;
    }

    public boolean canonicalWireFormat() {
        return (flags & FLAG_E) != 0;
    }

    public boolean noUpdates() {
        return (flags & FLAG_N) != 0;
    }

    /** True for a fully qualified wire-format name; an ASCII name is judged by its trailing dot too. */
    public boolean fullyQualified() {
        return name.endsWith(".");
    }
}
