package io.leaseledger.wire.transport;

/** How a sent reply left the server, counted per path (see docs/wire.md "Reply addressing"). */
public enum ReplyPath {
    /** Unicast to a relay agent's giaddr. */
    RELAY,
    /** Unicast to an address the client already has (ciaddr, or the source of an INFORM). */
    UNICAST,
    /** Broadcast because the rules said so (NAK, BROADCAST flag, no yiaddr). */
    BROADCAST,
    /** Unicast to yiaddr after putting yiaddr → chaddr in the interface's neighbour table. */
    UNICAST_WITH_NEIGHBOUR_ENTRY,
    /** Wanted unicast to yiaddr, broadcast instead: the hardware address is not a 6-byte Ethernet one. */
    BROADCAST_NOT_ETHERNET,
    /** Wanted unicast to yiaddr, broadcast instead: the channel is bound to an address, not an interface. */
    BROADCAST_NO_INTERFACE,
    /** Wanted unicast to yiaddr, broadcast instead: the kernel refused the neighbour entry (no CAP_NET_ADMIN, not an ARP link, ...). */
    BROADCAST_NEIGHBOUR_REFUSED
}
