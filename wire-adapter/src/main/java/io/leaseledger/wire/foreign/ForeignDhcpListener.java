package io.leaseledger.wire.foreign;

import io.leaseledger.wire.link.LinkReaders;
import io.leaseledger.wire.link.PacketSocket;
import io.leaseledger.wire.link.PacketSocket.Bpf;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the DHCP replies other servers send on the served interfaces: one {@link PacketSocket}
 * and one daemon thread per interface ({@link LinkReaders}), the kernel filtering to UDP 67 → 68
 * ({@link #FILTER}), each datagram judged by {@link DhcpReplyFrames} and, when a server answered a client, handed to the
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

    private static final LinkReaders.Spec SPEC = new LinkReaders.Spec("foreign DHCP listener", PacketSocket.ETH_P_IP,
            FILTER, PACKET_BYTES, "other DHCP servers on the served links are not noticed");

    private final LongAdder heard = new LongAdder();
    private final Map<ForeignReplyDrop, LongAdder> drops = new EnumMap<>(ForeignReplyDrop.class);
    /** Set once by {@code start}, right after the readers it starts (which never read it). */
    private volatile LinkReaders readers;

    private ForeignDhcpListener() {
        for (ForeignReplyDrop reason : ForeignReplyDrop.values()) {
            drops.put(reason, new LongAdder());
        }
    }

    /** Starts listening on each interface it can; never throws for a socket the kernel refuses. */
    public static ForeignDhcpListener start(List<String> interfaces, Consumer<ForeignReply> sink) {
        var listener = new ForeignDhcpListener();
        listener.readers = LinkReaders.start(SPEC, interfaces, (iface, packet, received) -> listener.read(iface, packet, received, sink));
        return listener;
    }

    private void read(String iface, byte[] packet, PacketSocket.Received received, Consumer<ForeignReply> sink) {
        if (received.packetType() == PacketSocket.PACKET_OUTGOING) {
            drops.get(ForeignReplyDrop.OWN).increment();
            return;
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

    /** The interfaces heard. Empty when the kernel refused (no CAP_NET_RAW) or none was asked. */
    public List<String> interfaces() {
        return readers.interfaces();
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
        readers.close();
    }
}
