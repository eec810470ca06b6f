package io.leaseledger.wire.transport;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link ReplyDestination} into the UDP destination of one channel. The only case with a
 * side effect is {@link ReplyDestination.UnicastToHardwareAddress}: the client has no address yet
 * and will not answer ARP for yiaddr, so the kernel could not resolve it and would drop the reply
 * after its ARP timeout. Like dhcpd and Kea (which sidestep the kernel with raw sockets), we send
 * to the hardware address: we put {@code yiaddr → chaddr} in the interface's neighbour table with
 * {@code ioctl(SIOCSARP)} and then unicast normally. Where that is impossible we broadcast, which
 * every client accepts. Runs on the channel's event loop.
 */
final class ReplyRouter {

    private static final Logger log = LoggerFactory.getLogger(ReplyRouter.class);

    record Route(InetSocketAddress target, ReplyPath path) {
    }

    private final AtomicBoolean refusalLogged = new AtomicBoolean();

    Route route(ChannelBinding binding, ReplyDestination destination) {
        return switch (destination) {
            case ReplyDestination.Relay relay -> new Route(relay.socketAddress(), ReplyPath.RELAY);
            case ReplyDestination.Unicast unicast -> new Route(unicast.socketAddress(), ReplyPath.UNICAST);
            case ReplyDestination.Broadcast broadcast -> new Route(broadcast.socketAddress(), ReplyPath.BROADCAST);
            case ReplyDestination.UnicastToHardwareAddress toClient -> viaNeighbourEntry(binding, toClient);
        };
    }

    private Route viaNeighbourEntry(ChannelBinding binding, ReplyDestination.UnicastToHardwareAddress toClient) {
        InetSocketAddress fallback = toClient.fallback().socketAddress();
        if (!(binding.ingress() instanceof Ingress.Interface link) || binding.fd() < 0) {
            return new Route(fallback, ReplyPath.BROADCAST_NO_INTERFACE);
        }
        HardwareAddress chaddr = toClient.hardwareAddress();
        if (!chaddr.isEthernet()) {
            return new Route(fallback, ReplyPath.BROADCAST_NOT_ETHERNET);
        }
        var yiaddr = (Inet4Address) toClient.socketAddress().getAddress();
        try {
            LinuxSockets.setArpEntry(binding.fd(), link.name(), yiaddr, chaddr.bytes());
            return new Route(toClient.socketAddress(), ReplyPath.UNICAST_WITH_NEIGHBOUR_ENTRY);
        } catch (NativeCallException e) {
            if (refusalLogged.compareAndSet(false, true)) {
                log.warn("cannot add neighbour entries on {} ({}); replies to clients without an address are"
                        + " broadcast instead (grant CAP_NET_ADMIN to unicast them); logged once", link.name(),
                        e.getMessage());
            } else {
                log.debug("neighbour entry refused on {}: {}", link.name(), e.getMessage());
            }
            return new Route(fallback, ReplyPath.BROADCAST_NEIGHBOUR_REFUSED);
        }
    }
}
