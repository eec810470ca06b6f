package io.leaseledger.wire.arp;

import io.leaseledger.wire.link.PacketSocket;
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
 * Hears the ARP traffic of the served interfaces: one {@link PacketSocket} and one daemon thread
 * per interface, each frame read, judged by {@link ArpFrames} and, when a sender claimed an
 * address, handed to the sink as an {@link ArpSighting}. Every frame is counted by what became of
 * it; the sink must not block (it decides, rate-limits and queues elsewhere).
 *
 * <p>Optional by nature: without CAP_NET_RAW the kernel refuses the packet socket, and the
 * listener logs that once at WARN and listens to nothing, while DHCP goes on being served.
 */
public final class ArpListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ArpListener.class);
    /** A reader notices {@link #close} within this. */
    static final int RECEIVE_TIMEOUT_MILLIS = 500;
    /** An ARP packet is 28 bytes, padded to 46 on Ethernet; room to spare, the rest is cut off. */
    private static final int FRAME_BYTES = 256;

    private final List<Thread> readers = new ArrayList<>();
    private final List<String> listening = new ArrayList<>();
    private final LongAdder frames = new LongAdder();
    private final Map<ArpDrop, LongAdder> drops = new EnumMap<>(ArpDrop.class);
    private volatile boolean running = true;

    private ArpListener() {
        for (ArpDrop reason : ArpDrop.values()) {
            drops.put(reason, new LongAdder());
        }
    }

    /** Starts listening on each interface it can; never throws for a socket the kernel refuses. */
    public static ArpListener start(List<String> interfaces, Consumer<ArpSighting> sink) {
        var listener = new ArpListener();
        for (String name : interfaces) {
            PacketSocket socket;
            try {
                NetworkInterface nic = NetworkInterface.getByName(name);
                if (nic == null) {
                    LOG.warn("ARP listener: no interface {}; not listening there", name);
                    continue;
                }
                socket = PacketSocket.open(nic.getIndex(), PacketSocket.ETH_P_ARP, java.util.List.of(), FRAME_BYTES,
                        RECEIVE_TIMEOUT_MILLIS);
            } catch (PacketSocket.NativeFailure e) {
                if (e.errno == PacketSocket.EPERM || e.errno == PacketSocket.EACCES || e.errno == PacketSocket.EAFNOSUPPORT) {
                    // The same answer for every interface: say it once.
                    LOG.warn("ARP listener off: the kernel refused a packet socket ({}). Without CAP_NET_RAW and the"
                            + " AF_PACKET family, addresses in use by other devices are not seen on the wire (DHCP is"
                            + " served all the same; they can still be reported through the API)", e.getMessage());
                    break;
                }
                LOG.warn("ARP listener: cannot listen on {} ({}); the other interfaces are heard", name, e.getMessage());
                continue;
            } catch (SocketException | RuntimeException e) {
                LOG.warn("ARP listener: cannot listen on {} ({}); the other interfaces are heard", name, e.toString());
                continue;
            }
            listener.listening.add(name);
            Thread reader = Thread.ofPlatform().daemon().name("arp-" + name)
                    .unstarted(() -> listener.read(name, socket, sink));
            listener.readers.add(reader);
            reader.start();
        }
        if (!listener.listening.isEmpty()) {
            LOG.info("ARP listener on {}", listener.listening);
        }
        return listener;
    }

    private void read(String iface, PacketSocket socket, Consumer<ArpSighting> sink) {
        byte[] frame = new byte[FRAME_BYTES];
        try (socket) {
            while (running) {
                PacketSocket.Received received = socket.receive(frame);
                if (received.length() < 0) {
                    continue;
                }
                frames.increment();
                if (received.packetType() == PacketSocket.PACKET_OUTGOING) {
                    drops.get(ArpDrop.OWN).increment();
                    continue;
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
        } catch (PacketSocket.NativeFailure e) {
            LOG.error("ARP listener on {} stopped: {}", iface, e.getMessage());
        }
    }

    /** The interfaces heard. Empty when the kernel refused (no CAP_NET_RAW) or none was asked. */
    public List<String> interfaces() {
        return List.copyOf(listening);
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
