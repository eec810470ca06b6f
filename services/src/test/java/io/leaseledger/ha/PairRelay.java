package io.leaseledger.ha;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.Dhcp4DecodeException;
import io.leaseledger.wire.dhcp4.Dhcp4Decoder;
import io.leaseledger.wire.dhcp4.Dhcp4Encoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.Dhcp4MessageBuilder;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A relay that forwards every client message to both servers of a pair, as {@code dhcrelay} does
 * when it is given two servers, on loopback: what each client sends, and which server answered.
 * Replies come back to its port (RFC 8357 relay source port).
 */
final class PairRelay implements AutoCloseable {
    private static final AtomicInteger XIDS = new AtomicInteger(0x4a000000);
    private static final Ipv4Address LINK = Ipv4Address.parse("198.18.0.1");

    /** A reply and the port of the server that sent it. */
    record Reply(Dhcp4Message message, int serverPort) {}

    private final DatagramChannel channel;
    private final List<InetSocketAddress> servers;

    PairRelay(int... serverPorts) throws IOException {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        servers = new ArrayList<>();
        for (int port : serverPorts) {
            servers.add(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    /** DISCOVER then REQUEST of the offer, to both; the replies to the REQUEST (none: nobody answered). */
    List<Reply> dora(byte[] mac, int secs, Duration wait) throws IOException {
        return dora(mac, secs, wait, LINK);
    }

    /** {@link #dora(byte[], int, Duration)} on the subnet of {@code link} (link selection). */
    List<Reply> dora(byte[] mac, int secs, Duration wait, Ipv4Address link) throws IOException {
        int xid = XIDS.incrementAndGet();
        List<Reply> offers = exchange(message(MessageType.DISCOVER, xid, mac, secs, link).build(), wait);
        if (offers.isEmpty()) {
            return List.of();
        }
        Dhcp4Message offer = offers.getFirst().message();
        Dhcp4MessageBuilder request = message(MessageType.REQUEST, xid, mac, secs, link)
                .put(OptionCatalog.REQUESTED_IP_ADDRESS, Ipv4Address.of(offer.yiaddr()));
        offer.get(OptionCatalog.SERVER_IDENTIFIER).ifPresent(id -> request.put(OptionCatalog.SERVER_IDENTIFIER, id));
        return exchange(request.build(), wait);
    }

    /** A REQUEST renewing {@code address} (ciaddr, no server identifier), to both; the replies. */
    List<Reply> renew(byte[] mac, Ipv4Address address, int secs, Duration wait) throws IOException {
        return exchange(message(MessageType.REQUEST, XIDS.incrementAndGet(), mac, secs, LINK).ciaddr(address).build(),
                wait);
    }

    private Dhcp4MessageBuilder message(MessageType type, int xid, byte[] mac, int secs, Ipv4Address link)
            throws IOException {
        InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
        return Dhcp4Message.builder()
                .xid(xid)
                .secs(secs)
                .hops(1)
                .giaddr(Ipv4Address.parse(local.getAddress().getHostAddress()))
                .ethernet(mac)
                .messageType(type)
                .put(OptionCatalog.RELAY_AGENT_INFORMATION, new RelayAgentInformation(List.of(
                        RelayAgentInformation.linkSelection(link),
                        new RelayAgentInformation.SubOption(19, new byte[0]))));
    }

    /** Sends {@code message} to every server; every reply with its xid that arrives within {@code wait}. */
    private List<Reply> exchange(Dhcp4Message message, Duration wait) throws IOException {
        byte[] encoded = Dhcp4Encoder.encode(message);
        for (InetSocketAddress server : servers) {
            channel.send(ByteBuffer.wrap(encoded), server);
        }
        List<Reply> replies = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        byte[] buf = new byte[65_535];
        while (System.nanoTime() < deadline) {
            try {
                channel.socket().setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                channel.socket().receive(p);
                Dhcp4Message reply = Dhcp4Decoder.decode(buf, 0, p.getLength());
                if (reply.xid() == message.xid()) {
                    replies.add(new Reply(reply, p.getPort()));
                }
            } catch (SocketTimeoutException timeout) {
                break;
            } catch (Dhcp4DecodeException malformed) {
                // not a reply of ours
            }
        }
        return replies;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
