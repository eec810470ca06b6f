package io.leaseledger.wire.dhcp6;

import java.util.Locale;

/** Why a DHCPv6 datagram got no answer; each is a counter label (docs/dhcpv6.md "Drops"). */
public enum Dhcp6Drop {
    /** Not a DHCPv6 message ({@link Dhcp6DecodeException}). */
    MALFORMED,
    /** A message only servers or relays send (ADVERTISE, REPLY, RECONFIGURE, RELAY-REPL), or a type RFC 8415 does not define. */
    NOT_A_REQUEST,
    /** RFC 8415 §16: a required Client or Server Identifier is missing, or one is there that must not be. */
    INVALID,
    /** Addressed to another server: its Server Identifier is not this server's DUID. */
    OTHER_SERVER,
    /** No configured link for it: no prefix holds the relay's link-address, or no link names the interface. */
    NO_LINK,
    /** RFC 8415 §18.3.3 and §18.3.5: a Confirm or Rebind this server cannot judge; the spec says stay silent. */
    SILENT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
