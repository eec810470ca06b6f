package io.leaseledger.wire.foreign;

import io.leaseledger.wire.dhcp4.Dhcp4Encoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.OptionCode;
import io.leaseledger.wire.link.EthernetInterface;
import io.leaseledger.wire.link.PacketSocket;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A DHCPDISCOVER of the node's own, broadcast on a served interface so that every DHCP server on
 * the link answers it (what MAAS's rack controllers do every ten minutes): the answers are
 * broadcast (the DISCOVER asks for it), and the {@link ForeignDhcpListener} hears them. Sent
 * through a packet socket, so it goes to the wire only — the node's own server never sees it and
 * decides nothing. Its client hardware address is the interface's MAC with the locally
 * administered bit flipped: not the host's own address, so no server binds anything to it.
 */
public final class DhcpProbe {
    private static final int IP_HEADER = 20;
    private static final int UDP_HEADER = 8;
    private static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};

    private DhcpProbe() {
    }

    /** The probe's client hardware address for an interface whose MAC is {@code interfaceMac}. */
    public static byte[] clientAddress(byte[] interfaceMac) {
        byte[] probe = interfaceMac.clone();
        probe[0] ^= 0x02;
        return probe;
    }

    /** Broadcasts one probe DISCOVER (transaction id {@code xid}) out of {@code iface}. */
    public static void send(String iface, int xid) throws IOException, PacketSocket.NativeFailure {
        EthernetInterface nic = EthernetInterface.named(iface);
        PacketSocket.sendOnce(nic.index(), PacketSocket.ETH_P_IP, BROADCAST_MAC, datagram(clientAddress(nic.mac()), xid));
    }

    /** The DISCOVER as an IPv4/UDP datagram from 0.0.0.0:68 to 255.255.255.255:67. */
    static byte[] datagram(byte[] chaddr, int xid) {
        Dhcp4Message discover = Dhcp4Message.builder()
                .ethernet(chaddr)
                .xid(xid)
                .broadcast(true)
                .messageType(MessageType.DISCOVER)
                .put(OptionCatalog.PARAMETER_REQUEST_LIST, List.of(OptionCode.SUBNET_MASK, OptionCode.ROUTERS,
                        OptionCode.DOMAIN_NAME_SERVERS, OptionCode.SERVER_IDENTIFIER))
                .build();
        byte[] payload = Dhcp4Encoder.encode(discover);
        ByteBuffer b = ByteBuffer.allocate(IP_HEADER + UDP_HEADER + payload.length);
        b.put((byte) 0x45).put((byte) 0x10).putShort((short) (IP_HEADER + UDP_HEADER + payload.length))
                .putShort((short) 0).putShort((short) 0).put((byte) 64).put((byte) 17).putShort((short) 0)
                .putInt(0).putInt(-1);
        b.putShort(10, checksum(b.array(), IP_HEADER));
        // UDP checksum 0: "none", which IPv4 allows and every DHCP server accepts.
        b.putShort((short) 68).putShort((short) 67).putShort((short) (UDP_HEADER + payload.length)).putShort((short) 0);
        b.put(payload);
        return b.array();
    }

    /** The Internet checksum (RFC 1071) of the first {@code length} bytes. */
    static short checksum(byte[] bytes, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
        }
        if ((length & 1) == 1) {
            sum += (bytes[length - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (short) ~sum;
    }
}
