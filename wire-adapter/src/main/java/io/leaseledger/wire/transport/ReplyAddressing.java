package io.leaseledger.wire.transport;

import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * RFC 2131 §4.1 (and §4.3.2, §4.3.5; RFC 8357): where a server reply goes. A pure function; the
 * rules are tried in this order and the first that applies wins:
 *
 * <ol>
 *   <li>giaddr set: to the relay at giaddr, server port — or the relay's UDP source port when it
 *       asked for that (RFC 8357). A NAK, and an ACK to an INFORM without ciaddr, must carry the
 *       BROADCAST flag so that the relay broadcasts them on the client's link.
 *   <li>NAK: broadcast to 255.255.255.255, client port ("In all cases, when 'giaddr' is zero, the
 *       server broadcasts any DHCPNAK messages").
 *   <li>ACK to an INFORM: unicast to ciaddr (§4.3.5); if the client left ciaddr empty, to the
 *       IP source of the INFORM; if that is empty too, broadcast.
 *   <li>ciaddr set: unicast to ciaddr, client port (a renewing client owns and answers ARP for it).
 *   <li>BROADCAST flag set: broadcast (the client cannot receive unicast before it has an address).
 *   <li>no usable yiaddr or no hardware address (hlen 0): broadcast — there is no one to unicast to.
 *   <li>otherwise: unicast to yiaddr at chaddr, client port; the transport makes the neighbour
 *       entry the kernel lacks (see {@link ReplyDestination.UnicastToHardwareAddress}).
 * </ol>
 */
public final class ReplyAddressing {

    private ReplyAddressing() {
    }

    public static ReplyDestination destination(ReplyFacts facts, ReplyPorts ports) {
        if (facts.relayed()) {
            int port = facts.relaySourcePort() ? facts.requestSource().getPort() : ports.server();
            boolean setBroadcastFlag = facts.kind() == ReplyKind.NAK
                    || (facts.kind() == ReplyKind.ACK_TO_INFORM && Ipv4.isZero(facts.ciaddr()));
            return new ReplyDestination.Relay(new InetSocketAddress(facts.giaddr(), port), setBroadcastFlag);
        }
        if (facts.kind() == ReplyKind.NAK) {
            return new ReplyDestination.Broadcast(ports.client());
        }
        if (facts.kind() == ReplyKind.ACK_TO_INFORM) {
            Inet4Address client = !Ipv4.isZero(facts.ciaddr()) ? facts.ciaddr() : sourceAddress(facts);
            return Ipv4.isZero(client)
                    ? new ReplyDestination.Broadcast(ports.client())
                    : new ReplyDestination.Unicast(new InetSocketAddress(client, ports.client()));
        }
        if (!Ipv4.isZero(facts.ciaddr())) {
            return new ReplyDestination.Unicast(new InetSocketAddress(facts.ciaddr(), ports.client()));
        }
        if (facts.broadcastFlag() || Ipv4.isZero(facts.yiaddr()) || facts.chaddr().length() == 0) {
            return new ReplyDestination.Broadcast(ports.client());
        }
        return new ReplyDestination.UnicastToHardwareAddress(
                new InetSocketAddress(facts.yiaddr(), ports.client()), facts.chaddr());
    }

    private static Inet4Address sourceAddress(ReplyFacts facts) {
        return facts.requestSource().getAddress() instanceof Inet4Address source ? source : Ipv4.ZERO;
    }
}
