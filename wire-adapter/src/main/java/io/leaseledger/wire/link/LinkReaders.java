package io.leaseledger.wire.link;

import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link PacketSocket} and one daemon reader thread per interface, for a listener that hears
 * a link (the ARP listener, the foreign DHCP listener). Each frame read goes to the listener's
 * {@link Frames} on its interface's thread. A socket the kernel refuses for want of a capability
 * is said once at WARN and nothing is heard; any other failure skips only its interface. Never
 * throws on start.
 */
public final class LinkReaders implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkReaders.class);
    /** A reader notices {@link #close} within this. */
    static final int RECEIVE_TIMEOUT_MILLIS = 500;

    /** What a listener does with each frame: called on the reader thread of {@code iface}; must not block. */
    @FunctionalInterface
    public interface Frames {
        void read(String iface, byte[] frame, PacketSocket.Received received);
    }

    /**
     * What the readers open: the listener's name for the log ({@code "ARP listener"}), the
     * EtherType, the kernel filter (empty: every frame of the type), the largest frame kept, and
     * what is lost without the socket, for the warning.
     */
    public record Spec(String name, short protocol, List<PacketSocket.Bpf> filter, int frameBytes, String withoutIt) {
    }

    private final List<Thread> readers = new ArrayList<>();
    private final List<String> listening = new ArrayList<>();
    private volatile boolean running = true;

    private LinkReaders() {
    }

    public static LinkReaders start(Spec spec, List<String> interfaces, Frames frames) {
        var readers = new LinkReaders();
        for (String name : interfaces) {
            PacketSocket socket;
            try {
                NetworkInterface nic = NetworkInterface.getByName(name);
                if (nic == null) {
                    LOG.warn("{}: no interface {}; not listening there", spec.name(), name);
                    continue;
                }
                socket = PacketSocket.open(nic.getIndex(), spec.protocol(), spec.filter(), spec.frameBytes(),
                        RECEIVE_TIMEOUT_MILLIS);
            } catch (PacketSocket.NativeFailure e) {
                if (e.errno == PacketSocket.EPERM || e.errno == PacketSocket.EACCES || e.errno == PacketSocket.EAFNOSUPPORT) {
                    // The same answer for every interface: say it once.
                    LOG.warn("{} off: the kernel refused a packet socket ({}). Without CAP_NET_RAW and the AF_PACKET"
                            + " family, {} (DHCP is served all the same)", spec.name(), e.getMessage(), spec.withoutIt());
                    break;
                }
                LOG.warn("{}: cannot listen on {} ({}); the other interfaces are heard", spec.name(), name, e.getMessage());
                continue;
            } catch (SocketException | RuntimeException e) {
                LOG.warn("{}: cannot listen on {} ({}); the other interfaces are heard", spec.name(), name, e.toString());
                continue;
            }
            readers.listening.add(name);
            String threadName = spec.name().toLowerCase(java.util.Locale.ROOT).replace(' ', '-') + "-" + name;
            Thread reader = Thread.ofPlatform().daemon().name(threadName)
                    .unstarted(() -> readers.read(spec, name, socket, frames));
            readers.readers.add(reader);
            reader.start();
        }
        if (!readers.listening.isEmpty()) {
            LOG.info("{} on {}", spec.name(), readers.listening);
        }
        return readers;
    }

    private void read(Spec spec, String iface, PacketSocket socket, Frames frames) {
        byte[] frame = new byte[spec.frameBytes()];
        try (socket) {
            while (running) {
                PacketSocket.Received received = socket.receive(frame);
                if (received.length() >= 0) {
                    frames.read(iface, frame, received);
                }
            }
        } catch (PacketSocket.NativeFailure e) {
            LOG.error("{} on {} stopped: {}", spec.name(), iface, e.getMessage());
        }
    }

    /** The interfaces heard. Empty when the kernel refused (no CAP_NET_RAW) or none was asked. */
    public List<String> interfaces() {
        return List.copyOf(listening);
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
