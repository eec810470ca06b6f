package io.leaseledger.events.subnet;

/**
 * How the client sent the packet, as the wire adapter saw it arrive. RFC 2131 §4.3.2 tells a
 * RENEWING client (unicast to its server) from a REBINDING one (broadcast) by this alone.
 */
public enum Delivery {
    /** Sent to 255.255.255.255 on the server's own link. */
    BROADCAST,
    /** Sent by the client straight to one of this server's addresses (no relay). */
    UNICAST,
    /** Came through a relay agent (giaddr set): the client broadcast it on its own link. */
    RELAYED
}
