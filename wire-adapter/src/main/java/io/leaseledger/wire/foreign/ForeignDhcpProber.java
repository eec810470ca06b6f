package io.leaseledger.wire.foreign;

import io.leaseledger.wire.link.PacketSocket;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link DhcpProbe} out of every listened interface at a fixed interval, on a daemon
 * thread of its own, the first one {@code firstAfter} the start (once the listener hears). A probe
 * that fails (no CAP_NET_RAW, the interface gone) is counted and said once per interface at WARN;
 * the next interval tries again.
 */
public final class ForeignDhcpProber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ForeignDhcpProber.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("foreign-dhcp-probe").factory());
    private final SecureRandom random = new SecureRandom();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();

    private ForeignDhcpProber() {
    }

    public static ForeignDhcpProber start(List<String> interfaces, Duration firstAfter, Duration interval) {
        var prober = new ForeignDhcpProber();
        List<String> probed = List.copyOf(interfaces);
        prober.timer.scheduleAtFixedRate(() -> probed.forEach(prober::probe), firstAfter.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("probing for other DHCP servers on {} every {}", probed, interval);
        return prober;
    }

    private void probe(String iface) {
        try {
            DhcpProbe.send(iface, random.nextInt());
            sent.increment();
            warned.remove(iface);
        } catch (IOException | PacketSocket.NativeFailure | RuntimeException e) {
            failed.increment();
            if (warned.add(iface)) {
                LOG.warn("cannot probe for other DHCP servers on {} ({}); tried again every interval", iface, e.getMessage());
            }
        }
    }

    /** Probes sent, over all interfaces. */
    public long sent() {
        return sent.sum();
    }

    /** Probes that could not be sent. */
    public long failed() {
        return failed.sum();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
