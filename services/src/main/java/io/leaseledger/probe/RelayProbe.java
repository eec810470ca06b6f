package io.leaseledger.probe;

import io.leaseledger.wire.dhcp4.Dhcp4Decoder;
import io.leaseledger.wire.dhcp4.Dhcp4DecodeException;
import io.leaseledger.wire.dhcp4.Dhcp4Encoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.dhcp4.Dhcp4MessageBuilder;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.MessageType;
import io.leaseledger.wire.dhcp4.OptionCatalog;
import io.leaseledger.wire.dhcp4.OptionCode;
import io.leaseledger.wire.dhcp4.RelayAgentInformation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Acts as a DHCP relay agent (RFC 1542) towards a server and runs one exchange: DISCOVER,
 * OFFER, REQUEST, ACK, and optionally RELEASE. Being a relay lets it reach a server on any
 * address and port without raw sockets or root: giaddr is the probe's own address, the relay
 * agent information option carries the link the client is on (link selection, RFC 3527) and
 * the UDP port the reply must come back to (relay source port, RFC 8357).
 */
public final class RelayProbe implements AutoCloseable {

    /** RFC 8357 §5: the relay source port sub-option of option 82 (its value is empty). */
    static final int RELAY_SOURCE_PORT = 19;

    private final DatagramChannel channel;
    private final InetSocketAddress server;
    private final ProbeOptions options;
    private final List<Exchange> transcript = new ArrayList<>();

    /** What the probe sent and what came back, in order. */
    public record Exchange(Dhcp4Message sent, Optional<Dhcp4Message> received) {}

    /** What the operator asked for. {@code link} may be null: giaddr alone then selects the subnet. */
    public record ProbeOptions(byte[] mac, Ipv4Address link, Duration timeout, boolean release, String hostname) {}

    public RelayProbe(InetSocketAddress server, InetSocketAddress bind, ProbeOptions options) throws IOException {
        this.server = server;
        this.options = options;
        this.channel = DatagramChannel.open();
        channel.bind(bind);
        channel.socket().setSoTimeout((int) options.timeout().toMillis());
    }

    public List<Exchange> transcript() {
        return List.copyOf(transcript);
    }

    /** Runs the exchange; returns the ACK (or the NAK, or nothing when the server stayed silent). */
    public Optional<Dhcp4Message> run() throws IOException {
        int xid = RandomGenerator.getDefault().nextInt();
        Dhcp4Message discover = request(MessageType.DISCOVER, xid).build();
        Optional<Dhcp4Message> offer = exchange(discover, MessageType.OFFER, MessageType.NAK);
        if (offer.isEmpty() || !offer.get().messageType().equals(MessageType.OFFER)) {
            return offer;
        }
        Dhcp4MessageBuilder request = request(MessageType.REQUEST, xid)
                .put(OptionCatalog.REQUESTED_IP_ADDRESS, Ipv4Address.of(offer.get().yiaddr()));
        offer.get().get(OptionCatalog.SERVER_IDENTIFIER).ifPresent(id -> request.put(OptionCatalog.SERVER_IDENTIFIER, id));
        Optional<Dhcp4Message> ack = exchange(request.build(), MessageType.ACK, MessageType.NAK);
        if (options.release() && ack.isPresent() && ack.get().messageType().equals(MessageType.ACK)) {
            Dhcp4MessageBuilder release = request(MessageType.RELEASE, RandomGenerator.getDefault().nextInt())
                    .ciaddr(ack.get().yiaddr());
            ack.get().get(OptionCatalog.SERVER_IDENTIFIER).ifPresent(id -> release.put(OptionCatalog.SERVER_IDENTIFIER, id));
            send(release.build());
            transcript.add(new Exchange(release.build(), Optional.empty()));
        }
        return ack;
    }

    private Dhcp4MessageBuilder request(MessageType type, int xid) throws IOException {
        InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
        Dhcp4MessageBuilder b = Dhcp4Message.builder()
                .xid(xid)
                .hops(1)
                .giaddr(Ipv4Address.parse(local.getAddress().getHostAddress()))
                .ethernet(options.mac())
                .messageType(type)
                .put(OptionCatalog.PARAMETER_REQUEST_LIST, List.of(
                        OptionCode.SUBNET_MASK, OptionCode.ROUTERS, OptionCode.DOMAIN_NAME_SERVERS,
                        OptionCode.DOMAIN_NAME, OptionCode.HOST_NAME, OptionCode.LEASE_TIME,
                        OptionCode.valueOf(58), OptionCode.valueOf(59)));
        if (options.hostname() != null) {
            b.put(OptionCatalog.HOST_NAME, options.hostname());
        }
        List<RelayAgentInformation.SubOption> agent = new ArrayList<>();
        agent.add(RelayAgentInformation.circuitId("leaseledger-probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        if (options.link() != null) {
            agent.add(RelayAgentInformation.linkSelection(options.link()));
        }
        agent.add(new RelayAgentInformation.SubOption(RELAY_SOURCE_PORT, new byte[0]));
        b.put(OptionCatalog.RELAY_AGENT_INFORMATION, new RelayAgentInformation(agent));
        return b;
    }

    private Optional<Dhcp4Message> exchange(Dhcp4Message sent, MessageType... expected) throws IOException {
        send(sent);
        Optional<Dhcp4Message> reply = receive(sent.xid(), expected);
        transcript.add(new Exchange(sent, reply));
        return reply;
    }

    private void send(Dhcp4Message message) throws IOException {
        channel.send(ByteBuffer.wrap(Dhcp4Encoder.encode(message)), server);
    }

    /** Waits for a reply with our xid and one of the expected types; anything else is skipped. */
    private Optional<Dhcp4Message> receive(int xid, MessageType... expected) throws IOException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        ByteBuffer buf = ByteBuffer.allocate(65_535);
        while (System.nanoTime() < deadline) {
            buf.clear();
            try {
                channel.socket().setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                java.net.DatagramPacket p = new java.net.DatagramPacket(buf.array(), buf.capacity());
                channel.socket().receive(p);
                Dhcp4Message m = Dhcp4Decoder.decode(buf.array(), 0, p.getLength());
                if (m.xid() == xid && List.of(expected).contains(m.messageType())) {
                    return Optional.of(m);
                }
            } catch (SocketTimeoutException timeout) {
                break;
            } catch (Dhcp4DecodeException malformed) {
                // not a DHCP reply for us; keep waiting until the deadline
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
