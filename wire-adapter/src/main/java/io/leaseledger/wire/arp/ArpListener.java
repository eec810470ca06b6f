package io.leaseledger.wire.arp;

import io.leaseledger.wire.link.LinkReaders;
import io.leaseledger.wire.link.PacketSocket;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the ARP traffic of the served interfaces: one {@link PacketSocket} and one daemon thread
 * per interface ({@link LinkReaders}), each frame read, judged by {@link ArpFrames} and, when a sender claimed an
 * address, handed to the sink as an {@link ArpSighting}. Every frame is counted by what became of
 * it; the sink must not block (it decides, rate-limits and queues elsewhere).
 *
 * <p>Optional by nature: without CAP_NET_RAW the kernel refuses the packet socket, and the
 * listener logs that once at WARN and listens to nothing, while DHCP goes on being served.
 */
public final class ArpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArpListener.class);
    /** An ARP packet is 28 bytes, padded to 46 on Ethernet; room to spare, the rest is cut off. */
    private static final LinkReaders.Spec SPEC = new LinkReaders.Spec("ARP listener", PacketSocket.ETH_P_ARP, List.of(),
            256, "addresses in use by other devices are not seen on the wire (they can still be reported through the API)");

    private final LongAdder frames = new LongAdder();
    private final Map<ArpDrop, LongAdder> drops = new EnumMap<>(ArpDrop.class);
    /** Set once by {@code start}, right after the readers it starts (which never read it). */
    private volatile LinkReaders readers;

    private ArpListener() {
        for (ArpDrop reason : ArpDrop.values()) {
            drops.put(reason, new LongAdder());
        }
    }

    /** Starts listening on each interface it can; never throws for a socket the kernel refuses. */
    public static ArpListener start(List<String> interfaces, Consumer<ArpSighting> sink) {
        var listener = new ArpListener();
        listener.readers = LinkReaders.start(SPEC, interfaces, (iface, frame, received) -> listener.read(iface, frame, received, sink));
        return listener;
    }

    private void read(String iface, byte[] frame, PacketSocket.Received received, Consumer<ArpSighting> sink) {
        frames.increment();
        if (received.packetType() == PacketSocket.PACKET_OUTGOING) {
            drops.get(ArpDrop.OWN).increment();
            return;
        }
        switch (ArpFrames.read(frame, received.length())) {
            case ArpFrames.Dropped dropped -> drops.get(dropped.reason()).increment();
            case ArpFrames.Claimed claimed -> {
                try {
                    sink.accept(new ArpSighting(iface, claimed.address(), claimed.mac()));
                } catch (RuntimeException e) {
                    LOG.warn("ARP listener: the sink failed on a sighting from {}", iface, e);
                }
            }
        }
    }

    /** The interfaces heard. Empty when the kernel refused (no CAP_NET_RAW) or none was asked. */
    public List<String> interfaces() {
        return readers.interfaces();
    }

    /** Frames read, over all interfaces. */
    public long frames() {
        return frames.sum();
    }

    /** Frames that became no sighting, by reason. */
    public long dropped(ArpDrop reason) {
        return drops.get(reason).sum();
    }

    /** Stops the readers (each within the receive timeout) and closes their sockets. */
    @Override
    public void close() {
        readers.close();
    }
}
