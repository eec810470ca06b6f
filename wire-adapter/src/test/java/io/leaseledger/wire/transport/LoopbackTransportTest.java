package io.leaseledger.wire.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leaseledger.events.types.SubnetId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.epoll.Epoll;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The transport on 127.0.0.1, ephemeral ports: no privileges, no packets beyond loopback. */
class LoopbackTransportTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    record Received(byte[] bytes, InetSocketAddress sender, InetSocketAddress recipient, Ingress ingress) {
        static Received of(InboundDatagram datagram) {
            return new Received(ByteBufUtil.getBytes(datagram.content()), datagram.sender(), datagram.recipient(),
                    datagram.ingress());
        }
    }

    enum TestDrop implements DropReason {
        TOO_SHORT
    }

    private final BlockingQueue<Received> received = new ArrayBlockingQueue<>(16);
    private DhcpTransport transport;
    private DatagramSocket client;

    @AfterEach
    void tearDown() {
        if (transport != null) {
            transport.close();
        }
        if (client != null) {
            client.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TransportConfig.Engine.class, names = {"AUTO", "NIO"})
    void datagramIsTaggedWithTheBoundAddressItArrivedOn(TransportConfig.Engine engine) throws Exception {
        start(TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)).withEngine(engine),
                (datagram, t) -> received.add(Received.of(datagram)));
        Binding binding = transport.bindings().getFirst();
        assertThat(binding.localAddress().getPort()).isPositive();

        sendFromClient("DISCOVER");

        Received got = next();
        assertThat(new String(got.bytes(), StandardCharsets.US_ASCII)).isEqualTo("DISCOVER");
        assertThat(got.sender()).isEqualTo(client.getLocalSocketAddress());
        assertThat(got.recipient()).isEqualTo(binding.localAddress());
        assertThat(got.ingress()).isEqualTo(new Ingress.BoundAddress(binding.localAddress()))
                .isEqualTo(binding.ingress());
        assertThat(transport.counters().received()).isEqualTo(1);
        assertThat(transport.epoll()).isEqualTo(engine == TransportConfig.Engine.AUTO && Epoll.isAvailable());
    }

    @Test
    void theSocketQueuesFourMebibytesOrAsMuchAsTheKernelAllows() throws Exception {
        start(TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)), (datagram, t) -> { });
        // As root SO_RCVBUFFORCE passes net.core.rmem_max; otherwise the kernel caps SO_RCVBUF at it.
        // Either way the kernel reports twice what it granted.
        long rmemMax = Long.parseLong(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/core/rmem_max")).trim());
        boolean root = "root".equals(System.getProperty("user.name"));
        long granted = root && Epoll.isAvailable() ? DhcpTransport.SOCKET_RECEIVE_BUFFER_BYTES
                : Math.min(DhcpTransport.SOCKET_RECEIVE_BUFFER_BYTES, rmemMax);
        assertThat(transport.bindings().getFirst().receiveBufferBytes()).isEqualTo(2 * granted);
    }

    @Test
    void handlerThatThrowsIsCountedAndTheChannelKeepsServing() throws Exception {
        start(TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)), (datagram, t) -> {
            if (datagram.content().getByte(0) == 'X') {
                throw new IllegalStateException("handler bug");
            }
            received.add(Received.of(datagram));
        });

        sendFromClient("X-poison");
        sendFromClient("DISCOVER");

        assertThat(new String(next().bytes(), StandardCharsets.US_ASCII)).isEqualTo("DISCOVER");
        assertThat(transport.counters().dropped(TransportDrop.HANDLER_FAILED)).isEqualTo(1);
        assertThat(transport.counters().droppedWithoutSubnet(TransportDrop.HANDLER_FAILED)).isEqualTo(1);
        assertThat(transport.counters().received()).isEqualTo(2);
    }

    @Test
    void dropsReportedByTheNextStageAreCountedByReasonAndBySubnetWhenItIsKnown() throws Exception {
        SubnetId rack = SubnetId.parse("198.18.4.0/24");
        start(TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)), (datagram, t) -> {
            if (datagram.content().readableBytes() < 4) {
                // A leading 's' stands for a datagram the stage had matched to a subnet before dropping it.
                if (datagram.content().getByte(0) == 's') {
                    t.countDrop(TestDrop.TOO_SHORT, rack);
                } else {
                    t.countDrop(TestDrop.TOO_SHORT);
                }
                return;
            }
            received.add(Received.of(datagram));
        });

        sendFromClient("ab");
        sendFromClient("a");
        sendFromClient("sa");
        sendFromClient("long enough");

        next();
        TransportCounters counters = transport.counters();
        assertThat(counters.dropped(TestDrop.TOO_SHORT)).isEqualTo(3);
        assertThat(counters.drops()).containsExactly(Map.entry(TestDrop.TOO_SHORT, 3L));
        assertThat(counters.droppedWithoutSubnet(TestDrop.TOO_SHORT)).isEqualTo(2);
        assertThat(counters.dropsWithoutSubnet()).containsExactly(Map.entry(TestDrop.TOO_SHORT, 2L));
        assertThat(counters.dropped(TestDrop.TOO_SHORT, rack)).isEqualTo(1);
        assertThat(counters.dropped(TestDrop.TOO_SHORT, SubnetId.parse("198.18.5.0/24"))).isZero();
        assertThat(counters.dropsBySubnet()).containsExactly(Map.entry(rack, Map.of(TestDrop.TOO_SHORT, 1L)));
    }

    @Test
    void replyLeavesByTheChannelItsRequestCameIn() throws Exception {
        var sends = new ArrayBlockingQueue<java.util.concurrent.CompletableFuture<Void>>(1);
        start(TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)), (datagram, t) -> {
            ByteBuf reply = Unpooled.copiedBuffer("OFFER for " + datagram.content().toString(StandardCharsets.US_ASCII),
                    StandardCharsets.US_ASCII);
            sends.add(t.send(
                    new OutboundDatagram(datagram.ingress(), new ReplyDestination.Unicast(datagram.sender()), reply)));
        });

        sendFromClient("DISCOVER");

        var reply = new DatagramPacket(new byte[64], 64);
        client.receive(reply);
        assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII))
                .isEqualTo("OFFER for DISCOVER");
        assertThat(reply.getSocketAddress()).isEqualTo(transport.bindings().getFirst().localAddress());
        sends.poll(5, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
        assertThat(transport.counters().sent(ReplyPath.UNICAST)).isEqualTo(1);
        assertThat(transport.counters().sentTotal()).isEqualTo(1);
    }

    @Test
    void repliesWrittenInOneTurnOfTheChannelsEventLoopAllLeave() throws Exception {
        int replies = 100;
        var onLoop = new ArrayBlockingQueue<Boolean>(1);
        start(TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)), (datagram, t) -> {
            InetSocketAddress sender = datagram.sender();
            Ingress ingress = datagram.ingress();
            // Off the loop, as a commit thread would: the replies are handed to the channel's executor.
            java.util.concurrent.ForkJoinPool.commonPool().execute(() -> t.executorFor(ingress).execute(() -> {
                onLoop.add(Thread.currentThread().getName().startsWith("dhcp-transport"));
                for (int i = 0; i < replies; i++) {
                    t.send(new OutboundDatagram(ingress, new ReplyDestination.Unicast(sender),
                            Unpooled.copiedBuffer("ACK " + i, StandardCharsets.US_ASCII)));
                }
            }));
        });

        sendFromClient("REQUEST");

        java.util.Set<String> got = new java.util.HashSet<>();
        var reply = new DatagramPacket(new byte[64], 64);
        for (int i = 0; i < replies; i++) {
            client.receive(reply);
            got.add(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII));
        }
        assertThat(got).hasSize(replies).contains("ACK 0", "ACK " + (replies - 1));
        assertThat(onLoop.poll(5, TimeUnit.SECONDS)).as("ran on the channel's event loop").isTrue();
        // Counted when the flush that wrote them completes, which may be after they arrived.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (transport.counters().sentTotal() < replies && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(transport.counters().sentTotal()).isEqualTo(replies);
    }

    @Test
    void theReadingThreadOfAnIngressIsTheThreadItsDatagramsAreHandledOn() throws Exception {
        var handledOn = new ArrayBlockingQueue<Thread>(1);
        var offered = new ArrayBlockingQueue<Thread>(1);
        start(TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)), (datagram, t) -> {
            handledOn.add(Thread.currentThread());
            t.readingThread(datagram.ingress()).orElseThrow().execute(() -> offered.add(Thread.currentThread()));
        });

        sendFromClient("DISCOVER");

        Thread reading = handledOn.poll(5, TimeUnit.SECONDS);
        assertThat(reading).isNotNull();
        assertThat(offered.poll(5, TimeUnit.SECONDS)).isSameAs(reading);
        assertThat(transport.readingThread(new Ingress.BoundAddress(new InetSocketAddress(LOOPBACK, 9)))).isEmpty();
    }

    @Test
    void anIngressTheTransportDoesNotServeRunsWorkOnTheCallingThread() {
        start(TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)), (datagram, t) -> { });
        var ran = new java.util.concurrent.atomic.AtomicReference<Thread>();

        transport.executorFor(new Ingress.BoundAddress(new InetSocketAddress(LOOPBACK, 9))).execute(
                () -> ran.set(Thread.currentThread()));

        assertThat(ran.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void replyThroughAChannelThatDoesNotExistFailsAndReleasesItsBuffer() {
        start(TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)), (datagram, t) -> { });
        ByteBuf content = Unpooled.buffer().writeByte(1);
        var elsewhere = new Ingress.BoundAddress(new InetSocketAddress(LOOPBACK, 9));

        var sent = transport.send(new OutboundDatagram(elsewhere, new ReplyDestination.Broadcast(68), content));

        assertThatThrownBy(sent::get).isInstanceOf(ExecutionException.class).hasMessageContaining("no channel serves");
        assertThat(content.refCnt()).isZero();
        assertThat(transport.counters().sendFailures()).isEqualTo(1);
    }

    @Test
    void repliesQueuedOnTheEventLoopWhenTheTransportClosesStillLeave() throws Exception {
        int replies = 50;
        var queued = new java.util.concurrent.CountDownLatch(1);
        var loopMayGoOn = new java.util.concurrent.CountDownLatch(1);
        start(TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)), (datagram, t) -> {
            InetSocketAddress sender = datagram.sender();
            Ingress ingress = datagram.ingress();
            // The loop is held until close() has begun; the replies wait behind that, as a stop's
            // last batch does behind the loop's other work.
            t.executorFor(ingress).execute(() -> {
                try {
                    loopMayGoOn.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            for (int i = 0; i < replies; i++) {
                int n = i;
                t.executorFor(ingress).execute(() -> t.send(new OutboundDatagram(ingress, new ReplyDestination.Unicast(sender),
                        Unpooled.copiedBuffer("ACK " + n, StandardCharsets.US_ASCII))));
            }
            queued.countDown();
        });
        sendFromClient("REQUEST");
        assertThat(queued.await(5, TimeUnit.SECONDS)).isTrue();

        Thread closer = Thread.ofPlatform().start(transport::close);
        Thread.sleep(200);
        loopMayGoOn.countDown();
        closer.join(10_000);

        assertThat(transport.counters().sendFailures()).isZero();
        assertThat(transport.counters().sentTotal()).isEqualTo(replies);
    }

    @Test
    void whenStopReceivingReturnsEveryDatagramReadHasReachedTheHandler() throws Exception {
        var inHandler = new java.util.concurrent.CountDownLatch(1);
        var handled = new java.util.concurrent.atomic.AtomicInteger();
        start(TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)), (datagram, t) -> {
            inHandler.countDown();
            try {
                Thread.sleep(300);   // a read being handled when the stop comes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handled.incrementAndGet();
        });
        sendFromClient("DISCOVER");
        assertThat(inHandler.await(5, TimeUnit.SECONDS)).isTrue();

        transport.stopReceiving();

        assertThat((long) handled.get()).isPositive().isEqualTo(transport.counters().received());
    }

    /**
     * Switching auto-read off does not stop Netty's epoll channel at once: a read was already
     * requested, so the next datagram to arrive is still read, however long after. The stop's
     * accounting must not gain a request then (a server stopped under load once logged one
     * request more than it had decided): that datagram is counted and goes no further.
     */
    @Test
    void aDatagramReadAfterTheStopBeganIsCountedAndNeverHandled() throws Exception {
        var handled = new java.util.concurrent.atomic.AtomicInteger();
        start(TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)), (datagram, t) -> handled.incrementAndGet());
        sendFromClient("DISCOVER");
        awaitReceived(1);

        transport.stopReceiving();
        sendFromClient("REQUEST");
        awaitReceived(2);

        assertThat(handled.get()).as("datagrams handed on").isEqualTo(1);
        assertThat(transport.counters().dropped(TransportDrop.STOPPING)).isEqualTo(1);
    }

    private void awaitReceived(long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (transport.counters().received() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(transport.counters().received()).as("datagrams read").isEqualTo(count);
    }

    @Test
    void replyAfterCloseFailsAndReleasesItsBuffer() {
        start(TransportConfig.addresses(new InetSocketAddress(LOOPBACK, 0)), (datagram, t) -> { });
        Ingress ingress = transport.bindings().getFirst().ingress();
        transport.close();
        transport.close(); // idempotent
        ByteBuf content = Unpooled.buffer().writeByte(1);

        var sent = transport.send(new OutboundDatagram(ingress, new ReplyDestination.Broadcast(68), content));

        assertThat(sent).isCompletedExceptionally();
        assertThat(content.refCnt()).isZero();
    }

    @Test
    void portAlreadyTakenOnThatAddressFailsStartNamingTheBinding() throws Exception {
        try (var squatter = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            var taken = (InetSocketAddress) squatter.getLocalSocketAddress();
            assertThatThrownBy(() -> DhcpTransport.start(TransportConfig.addresses(taken), (d, t) -> { }))
                    .isInstanceOf(BindFailedException.class)
                    .hasMessageContaining(taken.getAddress().getHostAddress() + ":" + taken.getPort())
                    .satisfies(e -> assertThat(((BindFailedException) e).ingress())
                            .isEqualTo(new Ingress.BoundAddress(taken)));
        }
    }

    @Test
    void interfaceThatDoesNotExistFailsStartNamingIt() {
        assertThatThrownBy(() -> DhcpTransport.start(TransportConfig.interfaces("lltnosuch0"), (d, t) -> { }))
                .isInstanceOf(UnknownInterfaceException.class)
                .hasMessageContaining("lltnosuch0")
                .satisfies(e -> assertThat(((UnknownInterfaceException) e).interfaceName()).isEqualTo("lltnosuch0"));
    }

    @Test
    void interfacesOnTheNioEngineAreRefusedBecauseNioCannotBindToADevice() {
        var config = TransportConfig.interfaces("lo").withEngine(TransportConfig.Engine.NIO);
        assertThatThrownBy(() -> DhcpTransport.start(config, (d, t) -> { }))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("[lo]");
    }

    private void start(TransportConfig config, DatagramHandler handler) {
        transport = DhcpTransport.start(config, handler);
    }

    private void sendFromClient(String payload) throws Exception {
        if (client == null) {
            client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
            client.setSoTimeout(5_000);
        }
        byte[] bytes = payload.getBytes(StandardCharsets.US_ASCII);
        client.send(new DatagramPacket(bytes, bytes.length, transport.bindings().getFirst().localAddress()));
    }

    private Received next() throws InterruptedException {
        Received got = received.poll(5, TimeUnit.SECONDS);
        assertThat(got).as("a datagram within 5 s").isNotNull();
        return got;
    }
}
