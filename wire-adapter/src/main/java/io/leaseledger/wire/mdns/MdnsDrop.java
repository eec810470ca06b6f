package io.leaseledger.wire.mdns;

/** Why a frame heard by the {@link MdnsListener} named no device. */
public enum MdnsDrop {
    /** Not a whole, unfragmented IPv4/UDP datagram to port 5353 from an Ethernet sender (the kernel filter lets little else through). */
    MALFORMED,
    /** The UDP payload is no DNS message dnsjava can read. */
    UNDECODABLE,
    /** A DNS message, but no response with an A record under {@code .local} for the sender's own address: a query, a service record, a name for another host. */
    NO_OWN_NAME,
    /** A frame this host sent. */
    OWN
}
