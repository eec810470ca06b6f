package io.leaseledger.wire.foreign;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.dhcp4.Dhcp4CodecException;
import io.leaseledger.wire.dhcp4.Dhcp4Decoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.link.UdpDatagram;
import java.util.Optional;

/**
 * Reads one IPv4 datagram as an {@code AF_PACKET}/{@code SOCK_DGRAM} socket delivers it (from
 * the IP header on) and, when it is a DHCP server's reply to a client — UDP 67 → 68, a BOOTREPLY
 * whose message type is OFFER, ACK or NAK — says which server sent what. Never throws on bad
 * input: the verdict says what the frame was.
 */
public final class DhcpReplyFrames {
    private static final int SERVER_PORT = 67;
    private static final int CLIENT_PORT = 68;

    private DhcpReplyFrames() {
    }

    /** What a frame turned out to be. */
    public sealed interface Verdict {
    }

    /** A server's reply; {@link ForeignReply#iface()} is left to the caller. */
    public record Heard(ForeignReply reply) implements Verdict {
    }

    /** Not a reply; {@code reason} says why. */
    public record Dropped(ForeignReplyDrop reason) implements Verdict {
    }

    /**
     * Reads {@code length} bytes of {@code packet} from offset 0, heard on {@code iface} from the
     * link address {@code sender} (6 bytes on Ethernet; anything else is not reported).
     */
    public static Verdict read(String iface, byte[] packet, int length, byte[] sender) {
        Optional<UdpDatagram> datagram = UdpDatagram.read(packet, length)
                .filter(d -> d.sourcePort() == SERVER_PORT && d.destinationPort() == CLIENT_PORT);
        if (datagram.isEmpty()) {
            return new Dropped(ForeignReplyDrop.MALFORMED);
        }
        UdpDatagram udp = datagram.get();
        Dhcp4Message message;
        MessageType type;
        try {
            message = Dhcp4Decoder.decode(packet, udp.payloadOffset(), udp.payloadLength());
            type = message.messageType();
        } catch (Dhcp4CodecException e) {
            return new Dropped(ForeignReplyDrop.UNDECODABLE);
        }
        if (message.op() != Dhcp4Message.BOOTREPLY
                || !(type.equals(MessageType.OFFER) || type.equals(MessageType.ACK) || type.equals(MessageType.NAK))) {
            return new Dropped(ForeignReplyDrop.NOT_A_REPLY);
        }
        Ipv4Address source = udp.source();
        Ipv4Address server;
        try {
            server = message.get(OptionCatalog.SERVER_IDENTIFIER).orElse(source);
        } catch (Dhcp4CodecException e) {
            server = source; // a malformed option 54 still came from somewhere
        }
        Optional<MacAddress> mac = sender.length == 6 ? Optional.of(MacAddress.ethernet(sender)) : Optional.empty();
        Optional<Ipv4Address> offered = message.yiaddr() == 0 ? Optional.empty() : Optional.of(Ipv4Address.of(message.yiaddr()));
        return new Heard(new ForeignReply(iface, server, source, mac, type.typeName(),
                message.hardwareAddressString(), offered));
    }
}
