package io.leaseledger.wire.transport;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What the reply-addressing rules look at, taken from the request, its reply and the datagram
 * that carried the request. Kept apart from the codec's message type so that the rules are a pure
 * function of a handful of fields.
 *
 * @param giaddr the request's giaddr (0.0.0.0 when not relayed)
 * @param ciaddr the request's ciaddr (0.0.0.0 when the client has no address)
 * @param yiaddr the reply's yiaddr (0.0.0.0 in a NAK or an ACK to an INFORM)
 * @param broadcastFlag the request's BROADCAST flag (RFC 2131 §2, flags bit 0)
 * @param kind what the reply is
 * @param chaddr the request's htype, hlen and chaddr
 * @param requestSource the UDP source of the request
 * @param relaySourcePort the relay asked to be answered on its source port (RFC 8357 sub-option 19)
 */
public record ReplyFacts(
        Inet4Address giaddr,
        Inet4Address ciaddr,
        Inet4Address yiaddr,
        boolean broadcastFlag,
        ReplyKind kind,
        HardwareAddress chaddr,
        InetSocketAddress requestSource,
        boolean relaySourcePort) {

    public ReplyFacts {
        giaddr = Objects.requireNonNullElse(giaddr, Ipv4.ZERO);
        ciaddr = Objects.requireNonNullElse(ciaddr, Ipv4.ZERO);
        yiaddr = Objects.requireNonNullElse(yiaddr, Ipv4.ZERO);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(chaddr, "chaddr");
        Objects.requireNonNull(requestSource, "requestSource");
    }

    public boolean relayed() {
        return !Ipv4.isZero(giaddr);
    }
}
