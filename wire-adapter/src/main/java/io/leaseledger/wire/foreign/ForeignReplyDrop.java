package io.leaseledger.wire.foreign;

/** Why a frame heard by the {@link ForeignDhcpListener} became no {@link ForeignReply}. */
public enum ForeignReplyDrop {
    /** Not a whole, unfragmented IPv4/UDP datagram from port 67 to port 68 (the kernel filter lets little else through). */
    MALFORMED,
    /** The UDP payload is no DHCP message the decoder accepts, or one without a message type. */
    UNDECODABLE,
    /** A DHCP message, but a request (op 1) or a reply of no server-to-client type (OFFER, ACK, NAK). */
    NOT_A_REPLY,
    /** A frame this host sent: the node's own replies. */
    OWN
}
