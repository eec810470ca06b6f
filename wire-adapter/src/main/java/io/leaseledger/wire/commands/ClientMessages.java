package io.leaseledger.wire.commands;

import io.leaseledger.events.subnet.ClientMessage;
import io.leaseledger.events.subnet.Delivery;
import io.leaseledger.events.subnet.MessageKind;
import io.leaseledger.events.types.ClientId;
import io.leaseledger.events.types.ClientIdentity;
import io.leaseledger.events.types.Hostname;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.LeaseTime;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.Octets;
import io.leaseledger.events.types.RelayAgent;
import io.leaseledger.events.types.TransactionId;
import io.leaseledger.wire.commands.Translation.IgnoredReason;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.OptionCode;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;
import java.util.function.Supplier;

/**
 * Turns a decoded DHCPv4 request into the {@link ClientMessage} the {@code Subnet} aggregate
 * decides on. Only the hardware address and the message type are required; an optional field
 * that is present but invalid (a host name with control characters, a one-byte client id) is
 * left out rather than costing the client its lease — the packet still gets an answer.
 */
public final class ClientMessages {

    private ClientMessages() {}

    /** How a request arrived, from the datagram: relayed (giaddr), broadcast, or unicast to us. */
    public static Delivery delivery(Dhcp4Message request, java.net.InetAddress destination) {
        if (request.giaddr() != 0) {
            return Delivery.RELAYED;
        }
        byte[] d = destination.getAddress();
        boolean broadcast = d.length == 4 && ((d[0] & d[1] & d[2] & d[3]) == (byte) 0xff
                || (d[0] | d[1] | d[2] | d[3]) == 0);
        return broadcast ? Delivery.BROADCAST : Delivery.UNICAST;
    }

    public static Translation translate(Dhcp4Message request, Delivery delivery, Ipv4Address ourServerId) {
        if (!request.isRequest()) {
            return new Translation.Ignored(IgnoredReason.NOT_A_REQUEST, "op " + request.op());
        }
        MessageType type;
        try {
            type = request.messageType();
        } catch (RuntimeException missing) {
            return new Translation.Ignored(IgnoredReason.BOOTP_NOT_SERVED, "no DHCP message type (option 53)");
        }
        if (type == null) {
            return new Translation.Ignored(IgnoredReason.BOOTP_NOT_SERVED, "no DHCP message type (option 53)");
        }
        MessageKind kind = kindOf(type);
        if (type.equals(MessageType.INFORM)) {
            return new Translation.Inform();
        }
        if (kind == null) {
            return new Translation.Ignored(IgnoredReason.NOT_A_CLIENT_MESSAGE, type.toString());
        }
        ClientIdentity client;
        try {
            client = identity(request);
        } catch (IllegalArgumentException badChaddr) {
            return new Translation.Ignored(IgnoredReason.MALFORMED_REQUEST, badChaddr.getMessage());
        }
        Ipv4Address requested = optional(() -> request.get(OptionCatalog.REQUESTED_IP_ADDRESS).orElse(null));
        Ipv4Address serverId = optional(() -> request.get(OptionCatalog.SERVER_IDENTIFIER).orElse(null));
        LeaseTime leaseTime = optional(() -> request.get(OptionCatalog.LEASE_TIME).map(LeaseTime::ofSeconds).orElse(null));
        if (kind == MessageKind.DECLINE && requested == null) {
            return new Translation.Ignored(IgnoredReason.MALFORMED_REQUEST, "DECLINE without option 50");
        }
        return new Translation.ForSubnet(new ClientMessage(kind, client, TransactionId.of(request.xid()), ourServerId,
                serverId, requested, Ipv4Address.of(request.ciaddr()), leaseTime, delivery));
    }

    private static MessageKind kindOf(MessageType type) {
        if (type.equals(MessageType.DISCOVER)) {
            return MessageKind.DISCOVER;
        } else if (type.equals(MessageType.REQUEST)) {
            return MessageKind.REQUEST;
        } else if (type.equals(MessageType.DECLINE)) {
            return MessageKind.DECLINE;
        } else if (type.equals(MessageType.RELEASE)) {
            return MessageKind.RELEASE;
        }
        return null;
    }

    static ClientIdentity identity(Dhcp4Message request) {
        MacAddress chaddr = new MacAddress(request.htype(), request.hardwareAddress());
        ClientId clientId = optional(() -> request.get(OptionCatalog.CLIENT_IDENTIFIER).map(ClientId::new).orElse(null));
        Hostname hostname = optional(() -> request.get(OptionCatalog.HOST_NAME).map(Hostname::of).orElse(null));
        String vendorClass = optional(() -> request.get(OptionCatalog.VENDOR_CLASS_IDENTIFIER)
                .filter(v -> !v.isEmpty() && v.length() <= ClientIdentity.MAX_VENDOR_CLASS_LENGTH).orElse(null));
        return new ClientIdentity(chaddr, clientId, hostname, vendorClass, relay(request));
    }

    private static RelayAgent relay(Dhcp4Message request) {
        if (request.giaddr() == 0) {
            return null;
        }
        RelayAgentInformation info = optional(() -> request.get(OptionCatalog.RELAY_AGENT_INFORMATION).orElse(null));
        if (info == null) {
            return new RelayAgent(Ipv4Address.of(request.giaddr()), null, null, null);
        }
        Octets circuit = optional(() -> info.circuitId().map(Octets::new).orElse(null));
        Octets remote = optional(() -> info.remoteId().map(Octets::new).orElse(null));
        Ipv4Address link = optional(() -> info.linkSelection().orElse(null));
        return new RelayAgent(Ipv4Address.of(request.giaddr()), circuit, remote, link);
    }

    /** A typed read of an optional field: absent when the bytes are malformed or fail validation. */
    private static <T> T optional(Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException invalid) {
            return null;
        }
    }

    /** Whether the client listed {@code code} in its parameter request list (55). */
    public static boolean requested(Dhcp4Message request, OptionCode code) {
        return request.get(OptionCatalog.PARAMETER_REQUEST_LIST).map(l -> l.contains(code)).orElse(false);
    }
}
