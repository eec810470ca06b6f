package io.leaseledger.wire.foreign;

import io.leaseledger.wire.link.PacketSocket;
import io.leaseledger.wire.link.PacketSocket.Bpf;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the DHCP replies other servers send on the served interfaces: one {@link PacketSocket}
 * and one daemon thread per interface, the kernel filtering to UDP 67 → 68 ({@link #FILTER}), each
 * datagram judged by {@link DhcpReplyFrames} and, when a server answered a client, handed to the
 * sink. The node's own replies are outgoing frames and never reported. Every frame is counted by
 * what became of it; the sink must not block.
 *
 * <p>Passive: it hears the replies that reach this host — broadcast ones (a client without an
 * address asks for them, as PXE firmware does) and those to this host's own MAC — not unicast
 * replies a switch delivers only to another port. Optional by nature, as the ARP listener: without
 * CAP_NET_RAW the kernel refuses the socket, the listener says so once at WARN and DHCP is served
 * all the same.
 */
public final class ForeignDhcpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ForeignDhcpListener.class);
    /** A reader notices {@link #close} within this. */
    static final int RECEIVE_TIMEOUT_MILLIS = 500;
    /** The largest DHCP datagram on an Ethernet link, IP header included. */
    private static final int PACKET_BYTES = 1500;

    /**
     * Classic BPF over the IP header on (a {@code SOCK_DGRAM} packet socket): UDP, not a
     * fragment after the first, source port 67, destination port 68; anything else is never
     * copied out of the kernel, so a busy link costs this listener nothing.
     */
    static final List<Bpf> FILTER = List.of(
            new Bpf(0x30, 0, 0, 9),          // 0: ldb [9]              protocol
            new Bpf(0x15, 0, 7, 17),         // 1: jeq #17 ? 2 : 9       UDP
            new Bpf(0x28, 0, 0, 6),          // 2: ldh [6]              flags, fragment offset
            new Bpf(0x45, 5, 0, 0x1fff),     // 3: jset #0x1fff ? 9 : 4  a later fragment has no UDP header
            new Bpf(0xb1, 0, 0, 0),          // 4: ldxb 4*([0]&0xf)     x = IP header length
            new Bpf(0x48, 0, 0, 0),          // 5: ldh [x+0]            source port
            new Bpf(0x15, 0, 2, 67),         // 6: jeq #67 ? 7 : 9
            new Bpf(0x48, 0, 0, 2),          // 7: ldh [x+2]            destination port
            new Bpf(0x15, 1, 0, 68),         // 8: jeq #68 ? 10 : 9
            new Bpf(0x06, 0, 0, 0),          // 9: ret #0               drop
            new Bpf(0x06, 0, 0, 0xffff));    // 10: ret #65535          keep

    private final List<Thread> readers = new ArrayList<>();
    private final List<String> listening = new ArrayList<>();
    private final LongAdder heard = new LongAdder();
    private final Map<ForeignReplyDrop, LongAdder> drops = new EnumMap<>(ForeignReplyDrop.class);
    private volatile boolean running = true;

    private ForeignDhcpListener() {
        for (ForeignReplyDrop reason : ForeignReplyDrop.values()) {
            drops.put(reason, new LongAdder());
        }
    }

    /** Starts listening on each interface it can; never throws for a socket the kernel refuses. */
    public static ForeignDhcpListener start(List<String> interfaces, Consumer<ForeignReply> sink) {
        var listener = new ForeignDhcpListener();
        for (String name : interfaces) {
            PacketSocket socket;
            try {
                NetworkInterface nic = NetworkInterface.getByName(name);
                if (nic == null) {
                    LOG.warn("foreign DHCP listener: no interface {}; not listening there", name);
                    continue;
                }
                socket = PacketSocket.open(nic.getIndex(), PacketSocket.ETH_P_IP, FILTER, PACKET_BYTES,
                        RECEIVE_TIMEOUT_MILLIS);
            } catch (PacketSocket.NativeFailure e) {
                if (e.errno == PacketSocket.EPERM || e.errno == PacketSocket.EACCES || e.errno == PacketSocket.EAFNOSUPPORT) {
                    LOG.warn("foreign DHCP listener off: the kernel refused a packet socket ({}). Without CAP_NET_RAW and"
                            + " the AF_PACKET family, other DHCP servers on the served links are not noticed (DHCP is"
                            + " served all the same)", e.getMessage());
                    break;
                }
                LOG.warn("foreign DHCP listener: cannot listen on {} ({}); the other interfaces are heard", name, e.getMessage());
                continue;
            } catch (SocketException | RuntimeException e) {
                LOG.warn("foreign DHCP listener: cannot listen on {} ({}); the other interfaces are heard", name, e.toString());
                continue;
            }
            listener.listening.add(name);
            Thread reader = Thread.ofPlatform().daemon().name("foreign-dhcp-" + name)
                    .unstarted(() -> listener.read(name, socket, sink));
            listener.readers.add(reader);
            reader.start();
        }
        if (!listener.listening.isEmpty()) {
            LOG.info("foreign DHCP listener on {}", listener.listening);
        }
        return listener;
    }

    private void read(String iface, PacketSocket socket, Consumer<ForeignReply> sink) {
        byte[] packet = new byte[PACKET_BYTES];
        try (socket) {
            while (running) {
                PacketSocket.Received received = socket.receive(packet);
                if (received.length() < 0) {
                    continue;
                }
                if (received.packetType() == PacketSocket.PACKET_OUTGOING) {
                    drops.get(ForeignReplyDrop.OWN).increment();
                    continue;
                }
                switch (DhcpReplyFrames.read(iface, packet, received.length(), received.sender())) {
                    case DhcpReplyFrames.Dropped dropped -> drops.get(dropped.reason()).increment();
                    case DhcpReplyFrames.Heard reply -> {
                        heard.increment();
                        try {
                            sink.accept(reply.reply());
                        } catch (RuntimeException e) {
                            LOG.warn("foreign DHCP listener: the sink failed on a reply heard on {}", iface, e);
                        }
                    }
                }
            }
        } catch (PacketSocket.NativeFailure e) {
            LOG.error("foreign DHCP listener on {} stopped: {}", iface, e.getMessage());
        }
    }

    /** The interfaces heard. Empty when the kernel refused (no CAP_NET_RAW) or none was asked. */
    public List<String> interfaces() {
        return List.copyOf(listening);
    }

    /** Replies of other servers heard, over all interfaces. */
    public long heard() {
        return heard.sum();
    }

    /** Frames that became no reply, by reason. */
    public long dropped(ForeignReplyDrop reason) {
        return drops.get(reason).sum();
    }

    /** Stops the readers (each within the receive timeout) and closes their sockets. */
    @Override
    public void close() {
        running = false;
        for (Thread reader : readers) {
            try {
                reader.join(RECEIVE_TIMEOUT_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
