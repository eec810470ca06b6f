package io.leaseledger.wire.transport;

import io.leaseledger.wire.dhcp4.Dhcp4DecodeException;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A DHCPv4 request decoded from an {@link InboundDatagram}: the message and where it came from.
 * Holds no buffer: the codec copied what it needs.
 */
public record DecodedRequest(Dhcp4Message message, InetSocketAddress sender, InetSocketAddress recipient,
        Ingress ingress) {

    /** RFC 8357 Relay Agent Information sub-option "relay source port": answer the relay on its source port. */
    static final int RELAY_SOURCE_PORT = 19;

    public DecodedRequest {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(ingress, "ingress");
    }

    /** What {@link ReplyAddressing} needs to address {@code reply} to this request. */
    public ReplyFacts replyFacts(Dhcp4Message reply) {
        return new ReplyFacts(
                Ipv4Address.toInetAddress(message.giaddr()),
                Ipv4Address.toInetAddress(message.ciaddr()),
                Ipv4Address.toInetAddress(reply.yiaddr()),
                message.broadcast(),
                kindOf(reply),
                new HardwareAddress(message.htype(), message.hardwareAddress()),
                sender,
                asksForRelaySourcePort());
    }

    /** Where {@code reply} goes, and through which channel: ready for {@link TransportContext#send}. */
    public ReplyDestination replyDestination(Dhcp4Message reply, ReplyPorts ports) {
        return ReplyAddressing.destination(replyFacts(reply), ports);
    }

    private ReplyKind kindOf(Dhcp4Message reply) {
        MessageType type = reply.messageType();
        if (MessageType.NAK.equals(type)) {
            return ReplyKind.NAK;
        }
        if (MessageType.INFORM.equals(message.messageType())) {
            return ReplyKind.ACK_TO_INFORM;
        }
        return MessageType.OFFER.equals(type) ? ReplyKind.OFFER : ReplyKind.ACK;
    }

    private boolean asksForRelaySourcePort() {
        if (message.giaddr() == 0) {
            return false;
        }
        try {
            return message.get(OptionCatalog.RELAY_AGENT_INFORMATION)
                    .map(agent -> agent.subOption(RELAY_SOURCE_PORT).isPresent())
                    .orElse(false);
        } catch (Dhcp4DecodeException malformedOption82) {
            return false; // the relay's own problem: answer it on the server port as RFC 2131 says
        }
    }
}
