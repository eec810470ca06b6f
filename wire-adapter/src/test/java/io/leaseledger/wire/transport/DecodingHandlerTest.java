package io.leaseledger.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.wire.dhcp4.Dhcp4DecodeException;
import io.leaseledger.wire.dhcp4.Dhcp4Decoder;
import io.leaseledger.wire.dhcp4.Dhcp4Encoder;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.dhcp4.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decoding stage on a loopback transport: real codec, real datagrams, counted drops. */
class DecodingHandlerTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final byte[] MAC = HexFormat.of().parseHex("525400a1b2c3");

    private final BlockingQueue<DecodedRequest> requests = new ArrayBlockingQueue<>(16);
    private final BlockingQueue<CompletableFuture<Void>> sends = new ArrayBlockingQueue<>(16);
    private DhcpTransport transport;
    private DatagramSocket client;

    @BeforeEach
    void start() throws Exception {
        client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        client.setSoTimeout(5_000);
        transport = DhcpTransport.start(TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)),
                new DecodingHandler(this::answerRenewals));
    }

    @AfterEach
    void stop() {
        transport.close();
        client.close();
    }

    /** Stands in for the lease engine: ACKs a REQUEST with the address the client already has. */
    private void answerRenewals(DecodedRequest request, TransportContext t) {
        requests.add(request);
        if (!MessageType.REQUEST.equals(request.message().messageType())) {
            return;
        }
        Dhcp4Message ack = Dhcp4Message.replyTo(request.message(), MessageType.ACK)
                .yiaddr(request.message().ciaddr()).build();
        var ports = new ReplyPorts(transport.bindings().getFirst().localAddress().getPort(), request.sender().getPort());
        ByteBuf out = Unpooled.buffer();
        Dhcp4Encoder.encode(ack, out);
        sends.add(t.send(new OutboundDatagram(request.ingress(), request.replyDestination(ack, ports), out)));
    }

    @Test
    void malformedDatagramsAreCountedByReasonAndDroppedWhileTheChannelKeepsServing() throws Exception {
        byte[] badCookie = Dhcp4Encoder.encode(discover());
        badCookie[236] = 0x42;
        send(new byte[100]);
        send(badCookie);
        send(Dhcp4Encoder.encode(discover()));

        DecodedRequest request = requests.poll(5, TimeUnit.SECONDS);
        assertThat(request).isNotNull();
        assertThat(request.message().messageType()).isEqualTo(MessageType.DISCOVER);
        assertThat(request.message().hardwareAddress()).isEqualTo(MAC);
        assertThat(request.sender()).isEqualTo(client.getLocalSocketAddress());
        assertThat(request.ingress()).isEqualTo(transport.bindings().getFirst().ingress());
        TransportCounters counters = transport.counters();
        assertThat(counters.dropped(new MalformedDatagram(Dhcp4DecodeException.Reason.TRUNCATED_HEADER))).isEqualTo(1);
        assertThat(counters.dropped(new MalformedDatagram(Dhcp4DecodeException.Reason.BAD_MAGIC_COOKIE))).isEqualTo(1);
        assertThat(counters.received()).isEqualTo(3);
        assertThat(counters.drops().keySet()).extracting(DropReason::name)
                .containsExactlyInAnyOrder("MALFORMED_TRUNCATED_HEADER", "MALFORMED_BAD_MAGIC_COOKIE");
        // Nothing in an unreadable datagram names a subnet.
        assertThat(counters.dropsWithoutSubnet()).isEqualTo(counters.drops());
        assertThat(counters.dropsBySubnet()).isEmpty();
    }

    @Test
    void anotherServersReplyIsDroppedAsNotARequest() throws Exception {
        send(Dhcp4Encoder.encode(Dhcp4Message.replyTo(discover(), MessageType.OFFER)
                .yiaddr(Ipv4Address.parse("198.18.0.10")).build()));
        send(Dhcp4Encoder.encode(discover()));

        assertThat(requests.poll(5, TimeUnit.SECONDS)).isNotNull();
        assertThat(transport.counters().dropped(TransportDrop.NOT_A_REQUEST)).isEqualTo(1);
        assertThat(transport.counters().droppedWithoutSubnet(TransportDrop.NOT_A_REQUEST)).isEqualTo(1);
    }

    @Test
    void renewingClientIsAnsweredOnItsCiaddrThroughTheChannelItUsed() throws Exception {
        Dhcp4Message renew = Dhcp4Message.builder().ethernet(MAC).xid(0x0badcafe)
                .ciaddr(Ipv4Address.of(LOOPBACK)).messageType(MessageType.REQUEST).build();

        send(Dhcp4Encoder.encode(renew));

        var reply = new DatagramPacket(new byte[1500], 1500);
        client.receive(reply);
        Dhcp4Message ack = Dhcp4Decoder.decode(reply.getData(), 0, reply.getLength());
        assertThat(ack.messageType()).isEqualTo(MessageType.ACK);
        assertThat(ack.xid()).isEqualTo(0x0badcafe);
        assertThat(reply.getSocketAddress()).isEqualTo(transport.bindings().getFirst().localAddress());
        sends.poll(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
        assertThat(transport.counters().sent(ReplyPath.UNICAST)).isEqualTo(1);
    }

    private static Dhcp4Message discover() {
        return Dhcp4Message.builder().ethernet(MAC).xid(0x1234).broadcast(true)
                .messageType(MessageType.DISCOVER).build();
    }

    private void send(byte[] payload) throws Exception {
        client.send(new DatagramPacket(payload, payload.length, transport.bindings().getFirst().localAddress()));
    }
}
