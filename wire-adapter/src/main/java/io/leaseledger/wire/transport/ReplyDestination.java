package io.leaseledger.wire.transport;

import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * Where a reply goes, as decided by {@link ReplyAddressing}. The transport turns it into a UDP
 * destination on the channel the request came in on.
 */
public sealed interface ReplyDestination {

    /** The UDP destination; for {@link UnicastToHardwareAddress} only once the neighbour entry exists. */
    InetSocketAddress socketAddress();

    /**
     * To the relay agent at {@code giaddr}, on the server port (RFC 2131 §4.1), or on the relay's
     * own source port when it asked for that (RFC 8357).
     *
     * @param setBroadcastFlag the reply must carry the BROADCAST flag so that the relay broadcasts
     *     it on the client's link: a NAK (RFC 2131 §4.3.2) or an ACK to an INFORM without ciaddr
     */
    record Relay(InetSocketAddress socketAddress, boolean setBroadcastFlag) implements ReplyDestination {
        public Relay {
            requireIpv4(socketAddress);
        }
    }

    /** To 255.255.255.255 on the client port, on the link the request came in on. */
    record Broadcast(int port) implements ReplyDestination {
        public static final Inet4Address LIMITED_BROADCAST = Ipv4.of(255, 255, 255, 255);

        public Broadcast {
            Ipv4.requirePort(port);
        }

        @Override
        public InetSocketAddress socketAddress() {
            return new InetSocketAddress(LIMITED_BROADCAST, port);
        }
    }

    /** To an address the client already owns and answers ARP for (ciaddr). */
    record Unicast(InetSocketAddress socketAddress) implements ReplyDestination {
        public Unicast {
            requireIpv4(socketAddress);
        }
    }

    /**
     * To {@code yiaddr} at {@code chaddr}: the client has no address yet and will not answer ARP,
     * so the transport first puts a neighbour entry (yiaddr → chaddr) in the kernel's table, and
     * broadcasts instead where it cannot ({@link #fallback()}).
     */
    record UnicastToHardwareAddress(InetSocketAddress socketAddress, HardwareAddress hardwareAddress)
            implements ReplyDestination {
        public UnicastToHardwareAddress {
            requireIpv4(socketAddress);
            if (hardwareAddress == null || hardwareAddress.length() == 0) {
                throw new IllegalArgumentException("unicast to a hardware address needs one (hlen > 0)");
            }
        }

        /** The broadcast sent instead when no neighbour entry can be made. */
        public Broadcast fallback() {
            return new Broadcast(socketAddress.getPort());
        }
    }

    private static void requireIpv4(InetSocketAddress address) {
        if (address == null || !(address.getAddress() instanceof Inet4Address)) {
            throw new IllegalArgumentException("a DHCPv4 reply goes to a resolved IPv4 address, not " + address);
        }
    }
}
