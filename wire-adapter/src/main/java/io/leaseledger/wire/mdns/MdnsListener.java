package io.leaseledger.wire.mdns;

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
 * Hears the mDNS announcements on the served interfaces (RFC 6762: what avahi, Bonjour and
 * systemd-resolved send when a host joins a link or is asked its name): one {@link PacketSocket}
 * and one daemon thread per interface ({@link LinkReaders}), the kernel filtering to UDP datagrams
 * to port 5353 ({@link #FILTER}), each judged by {@link MdnsFrames} and every name a device gives
 * its own address handed to the sink. A packet socket, not a socket on port 5353: it never
 * competes with an mDNS responder of this host for the port, joins no group and answers nothing.
 * Every frame is counted by what became of it; the sink must not block. Without CAP_NET_RAW the
 * kernel refuses the socket: said once at WARN, and DHCP is served all the same.
 */
public final class MdnsListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MdnsListener.class);
    /** mDNS messages fit an Ethernet frame (RFC 6762 §17, without jumbo frames). */
    private static final int PACKET_BYTES = 1500;

    /**
     * Classic BPF over the IP header on: UDP, not a fragment after the first, destination port
     * 5353; anything else never leaves the kernel.
     */
    static final List<Bpf> FILTER = List.of(
            new Bpf(0x30, 0, 0, 9),          // 0: ldb [9]              protocol
            new Bpf(0x15, 0, 5, 17),         // 1: jeq #17 ? 2 : 7       UDP
            new Bpf(0x28, 0, 0, 6),          // 2: ldh [6]              flags, fragment offset
            new Bpf(0x45, 3, 0, 0x1fff),     // 3: jset #0x1fff ? 7 : 4  a later fragment has no UDP header
            new Bpf(0xb1, 0, 0, 0),          // 4: ldxb 4*([0]&0xf)     x = IP header length
            new Bpf(0x48, 0, 0, 2),          // 5: ldh [x+2]            destination port
            new Bpf(0x15, 1, 0, MdnsFrames.MDNS_PORT), // 6: jeq #5353 ? 8 : 7
            new Bpf(0x06, 0, 0, 0),          // 7: ret #0               drop
            new Bpf(0x06, 0, 0, 0xffff));    // 8: ret #65535          keep

    private static final LinkReaders.Spec SPEC = new LinkReaders.Spec("mDNS listener", PacketSocket.ETH_P_IP,
            FILTER, PACKET_BYTES, "devices on the served links are listed without the host names they announce");

    private final LongAdder named = new LongAdder();
    private final Map<MdnsDrop, LongAdder> drops = new EnumMap<>(MdnsDrop.class);
    /** Set once by {@code start}, right after the readers it starts (which never read it). */
    private volatile LinkReaders readers;

    private MdnsListener() {
        for (MdnsDrop reason : MdnsDrop.values()) {
            drops.put(reason, new LongAdder());
        }
    }

    /** Starts listening on each interface it can; never throws for a socket the kernel refuses. */
    public static MdnsListener start(List<String> interfaces, Consumer<MdnsName> sink) {
        var listener = new MdnsListener();
        listener.readers = LinkReaders.start(SPEC, interfaces, (iface, packet, received) -> listener.read(iface, packet, received, sink));
        return listener;
    }

    private void read(String iface, byte[] packet, PacketSocket.Received received, Consumer<MdnsName> sink) {
        if (received.packetType() == PacketSocket.PACKET_OUTGOING) {
            drops.get(MdnsDrop.OWN).increment();
            return;
        }
        switch (MdnsFrames.read(iface, packet, received.length(), received.sender())) {
            case MdnsFrames.Dropped dropped -> drops.get(dropped.reason()).increment();
            case MdnsFrames.Named heard -> {
                for (MdnsName name : heard.names()) {
                    named.increment();
                    try {
                        sink.accept(name);
                    } catch (RuntimeException e) {
                        LOG.warn("mDNS listener: the sink failed on a name heard on {}", iface, e);
                    }
                }
            }
        }
    }

    /** The interfaces heard. Empty when the kernel refused (no CAP_NET_RAW) or none was asked. */
    public List<String> interfaces() {
        return readers.interfaces();
    }

    /** Names heard (a device naming its own address), over all interfaces. */
    public long named() {
        return named.sum();
    }

    /** Frames that named no device, by reason. */
    public long dropped(MdnsDrop reason) {
        return drops.get(reason).sum();
    }

    /** Stops the readers (each within the receive timeout) and closes their sockets. */
    @Override
    public void close() {
        readers.close();
    }
}
