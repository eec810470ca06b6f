package io.leaseledger.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * How each destination leaves a channel, and every fallback of the unicast-to-hardware case. The
 * successful neighbour entry is proven on a real link in {@link NamespaceTransportTest}.
 */
class ReplyRouterTest {

    private static final HardwareAddress MAC = HardwareAddress.ethernet("52:54:00:12:34:56");
    private static final InetSocketAddress YIADDR = new InetSocketAddress("198.18.0.50", 68);
    private static final InetSocketAddress BROADCAST = new InetSocketAddress("255.255.255.255", 68);

    private final ReplyRouter router = new ReplyRouter();
    private final ChannelBinding addressBound = new ChannelBinding(
            new Ingress.BoundAddress(new InetSocketAddress("127.0.0.1", 1067)), new EmbeddedChannel(), -1);

    @Test
    void relayUnicastAndBroadcastLeaveAsTheyAre() {
        var relay = new InetSocketAddress("198.18.5.1", 67);
        assertThat(router.route(addressBound, new ReplyDestination.Relay(relay, false)))
                .isEqualTo(new ReplyRouter.Route(relay, ReplyPath.RELAY));
        assertThat(router.route(addressBound, new ReplyDestination.Unicast(YIADDR)))
                .isEqualTo(new ReplyRouter.Route(YIADDR, ReplyPath.UNICAST));
        assertThat(router.route(addressBound, new ReplyDestination.Broadcast(68)))
                .isEqualTo(new ReplyRouter.Route(BROADCAST, ReplyPath.BROADCAST));
    }

    @Test
    void channelBoundToAnAddressHasNoLinkToAddANeighbourEntryToSoItBroadcasts() {
        assertThat(router.route(addressBound, new ReplyDestination.UnicastToHardwareAddress(YIADDR, MAC)))
                .isEqualTo(new ReplyRouter.Route(BROADCAST, ReplyPath.BROADCAST_NO_INTERFACE));
    }

    @Test
    void nonEthernetHardwareAddressBroadcastsWithoutAskingTheKernel() {
        // A descriptor that is never used: the hardware type alone decides.
        var link = new ChannelBinding(new Ingress.Interface("llt-none0", 7, List.of()), new EmbeddedChannel(), 0);
        var token = new HardwareAddress(6, new byte[] {1, 2, 3, 4, 5, 6}); // IEEE 802 token ring
        assertThat(router.route(link, new ReplyDestination.UnicastToHardwareAddress(YIADDR, token)))
                .isEqualTo(new ReplyRouter.Route(BROADCAST, ReplyPath.BROADCAST_NOT_ETHERNET));
    }

    @Test
    void neighbourEntryTheKernelRefusesBroadcastsInstead() throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable(), "needs an epoll socket for its file descriptor");
        // Loopback is not an ARP link: SIOCSARP fails (EINVAL as root, EPERM otherwise) and changes nothing.
        NetworkInterface lo = NetworkInterface.getByName("lo");
        var socket = new EpollDatagramChannel(SocketProtocolFamily.INET);
        try {
            var link = new ChannelBinding(new Ingress.Interface("lo", lo.getIndex(), List.of()), socket,
                    socket.fd().intValue());
            assertThat(router.route(link, new ReplyDestination.UnicastToHardwareAddress(YIADDR, MAC)))
                    .isEqualTo(new ReplyRouter.Route(BROADCAST, ReplyPath.BROADCAST_NEIGHBOUR_REFUSED));
        } finally {
            socket.unsafe().closeForcibly();
        }
    }
}
