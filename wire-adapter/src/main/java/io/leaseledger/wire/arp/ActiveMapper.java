package io.leaseledger.wire.arp;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.wire.link.EthernetInterface;
import io.leaseledger.wire.link.PacketSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active mapping (MAAS: "scan the subnet every 3 hours to discover hosts that have not been
 * discovered passively"): at a fixed interval, on a daemon thread of its own, an ARP request to
 * every address of each {@link Scan}, out of its interface. Every host on the link answers for its
 * own address, even one that never speaks first; the {@link ArpListener} hears the replies, and
 * what they mean is decided there as for any ARP. The requests go to the wire only (a packet
 * socket): the host's own neighbour table is not touched.
 *
 * <p>Paced at {@value #PER_SECOND} requests a second (a /24 in 13 s, a /20 in under four minutes):
 * a scan never floods the link, and its answers come no faster than the ARP listener's reports
 * to the subnets are let through, so every answer is judged rather than dropped over the rate. A scan that fails (no CAP_NET_RAW, the interface gone) is counted and
 * said once per interface at WARN; the next interval tries again.
 */
public final class ActiveMapper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveMapper.class);
    static final int PER_SECOND = 20;
    private static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};

    /**
     * One link to scan: from {@code sender}, the interface's own address on it, every address from
     * {@code first} to {@code last} but the sender's.
     */
    public record Scan(String iface, Ipv4Address sender, Ipv4Address first, Ipv4Address last) {
        public Scan {
            if (first.toUnsigned() > last.toUnsigned()) {
                throw new IllegalArgumentException("an empty scan: " + first + " to " + last);
            }
        }

        long addresses() {
            return last.toUnsigned() - first.toUnsigned() + 1;
        }
    }

    /** The interfaces and the packet socket, or a test's stand-in. */
    interface Link {
        EthernetInterface nic(String iface) throws IOException;

        void send(int ifindex, byte[] request) throws PacketSocket.NativeFailure;
    }

    /** This machine's interfaces; requests broadcast through a packet socket each. */
    private static final Link SYSTEM = new Link() {
        @Override
        public EthernetInterface nic(String iface) throws IOException {
            return EthernetInterface.named(iface);
        }

        @Override
        public void send(int ifindex, byte[] request) throws PacketSocket.NativeFailure {
            PacketSocket.sendOnce(ifindex, PacketSocket.ETH_P_ARP, BROADCAST_MAC, request);
        }
    };

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("active-mapping").factory());
    private final Supplier<List<Scan>> scans;
    private final Link link;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder completed = new LongAdder();

    ActiveMapper(Supplier<List<Scan>> scans, Link link) {
        this.scans = scans;
        this.link = link;
    }

    /**
     * Scans what {@code scans} names at that moment (the served subnets may change between two),
     * the first time {@code firstAfter} the start, then every {@code interval}.
     */
    public static ActiveMapper start(Supplier<List<Scan>> scans, Duration firstAfter, Duration interval) {
        var mapper = new ActiveMapper(scans, SYSTEM);
        mapper.timer.scheduleWithFixedDelay(mapper::scanAll, firstAfter.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("active mapping: an ARP request to every address of the served subnets on their interfaces every {}", interval);
        return mapper;
    }

    void scanAll() {
        try {
            for (Scan scan : scans.get()) {
                if (!scan(scan)) {
                    return; // closed
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("active mapping failed: {}", e.toString());
        }
    }

    /** One scan; false when interrupted (the mapper is closing). */
    boolean scan(Scan scan) {
        EthernetInterface nic;
        try {
            nic = link.nic(scan.iface());
        } catch (IOException e) {
            failed(scan, e);
            return true;
        }
        long start = System.nanoTime();
        long requests = 0;
        for (long a = scan.first().toUnsigned(); a <= scan.last().toUnsigned(); a++) {
            Ipv4Address target = Ipv4Address.of((int) a);
            if (target.equals(scan.sender())) {
                continue;
            }
            try {
                link.send(nic.index(), ArpFrames.request(nic.mac(), scan.sender(), target));
                sent.increment();
            } catch (PacketSocket.NativeFailure | RuntimeException e) {
                failed(scan, e);
                return true;
            }
            if (++requests % PER_SECOND == 0) {
                long due = start + TimeUnit.SECONDS.toNanos(requests / PER_SECOND);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }
            }
        }
        warned.remove(scan.iface());
        completed.increment();
        LOG.info("active mapping asked {} addresses ({} to {}) on {} in {} ms", requests, scan.first(), scan.last(),
                scan.iface(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return true;
    }

    private void failed(Scan scan, Exception e) {
        failed.increment();
        if (warned.add(scan.iface())) {
            LOG.warn("active mapping cannot scan {} ({}); tried again every interval", scan.iface(), e.getMessage());
        }
    }

    /** ARP requests sent, over all scans. */
    public long sent() {
        return sent.sum();
    }

    /** Scans that stopped on a failure (each counted once). */
    public long failed() {
        return failed.sum();
    }

    /** Scans that reached their last address. */
    public long completed() {
        return completed.sum();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
