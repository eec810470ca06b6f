package io.leaseledger.server;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.arp.ArpFrames;
import io.leaseledger.wire.arp.ArpSighting;
import io.leaseledger.wire.link.EthernetInterface;
import io.leaseledger.wire.link.PacketSocket;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Server conflict detection (RFC 2131 §2.2: "the allocating server SHOULD probe the reused address
 * before allocating the address"; MAAS's docs on overlapping DHCP servers): before an OFFER of an
 * address on a link this node is on, an ARP request for it, and {@code wait} for an answer. A
 * device other than the client answering means the address is in use: the pipeline withholds the
 * OFFER and reports the device to the subnet, so that the client's next DISCOVER is offered
 * another address. ARP rather than ICMP echo: every host answers ARP for its own address, firewall
 * or not. The answers are heard by the node's ARP listener, which hands every sighting here
 * ({@link #accept}) as well as to the in-use reporter.
 *
 * <p>Probes are keyed by address: a second probe of an address already being probed (a client's
 * retransmission) waits for the first one's answer instead of asking again.
 */
public final class ConflictProbe implements Consumer<ArpSighting>, AutoCloseable {

    /** What became of a probe. */
    public enum Outcome {
        /** Nobody but the client answered within the wait: the OFFER goes. */
        FREE,
        /** Another device answered: the OFFER is withheld and the device reported. */
        IN_USE,
        /** The request could not be sent (no CAP_NET_RAW, the interface gone): the OFFER goes unprobed. */
        FAILED
    }

    /** Sends one ARP request for {@code target} from {@code sender} out of {@code iface}. */
    @FunctionalInterface
    interface Asker {
        void ask(String iface, Ipv4Address sender, Ipv4Address target) throws Exception;
    }

    private static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};

    private record Pending(MacAddress client, CompletableFuture<Optional<MacAddress>> answer) {}

    private final Duration wait;
    private final Asker asker;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("conflict-probe").factory());
    private final Map<Ipv4Address, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Outcome, LongAdder> counts = new EnumMap<>(Outcome.class);

    ConflictProbe(Duration wait, Asker asker) {
        this.wait = wait;
        this.asker = asker;
        for (Outcome outcome : Outcome.values()) {
            counts.put(outcome, new LongAdder());
        }
    }

    /**
     * Probes through a packet socket per request, on this machine's interfaces (needs CAP_NET_RAW).
     * Each interface's index and address are looked up once, and again after a failed send (the
     * interface may have been re-created).
     */
    public static ConflictProbe onThisMachine(Duration wait) {
        Map<String, EthernetInterface> nics = new ConcurrentHashMap<>();
        return new ConflictProbe(wait, (iface, sender, target) -> {
            EthernetInterface nic = nics.get(iface);
            if (nic == null) {
                nic = EthernetInterface.named(iface);
                nics.put(iface, nic);
            }
            try {
                PacketSocket.sendOnce(nic.index(), PacketSocket.ETH_P_ARP, BROADCAST_MAC,
                        ArpFrames.request(nic.mac(), sender, target));
            } catch (PacketSocket.NativeFailure e) {
                nics.remove(iface);
                throw e;
            }
        });
    }

    public Duration waitTime() {
        return wait;
    }

    /**
     * Asks who has {@code target} on {@code iface}; completes, on the probe's timer thread or the
     * ARP listener's, with the hardware address of a device other than {@code client} that
     * answered, or empty when none did within the wait or the request could not be sent.
     */
    public CompletableFuture<Optional<MacAddress>> probe(String iface, Ipv4Address sender, Ipv4Address target,
                                                        MacAddress client) {
        var fresh = new Pending(client, new CompletableFuture<>());
        Pending existing = pending.putIfAbsent(target, fresh);
        if (existing != null) {
            return existing.answer();
        }
        try {
            asker.ask(iface, sender, target);
        } catch (Exception e) {
            pending.remove(target, fresh);
            counts.get(Outcome.FAILED).increment();
            fresh.answer().complete(Optional.empty());
            return fresh.answer();
        }
        // Whoever removes the entry owns the outcome; it is counted before the answer is given, so
        // that whoever holds the answer finds it counted.
        timer.schedule(() -> {
            if (pending.remove(target, fresh)) {
                counts.get(Outcome.FREE).increment();
                fresh.answer().complete(Optional.empty());
            }
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
        return fresh.answer();
    }

    /** A device heard claiming an address (the ARP listener's reader threads): the answer to a probe, if one waits. */
    @Override
    public void accept(ArpSighting sighting) {
        Pending waiting = pending.get(sighting.address());
        if (waiting == null || waiting.client().equals(sighting.mac())) {
            return;
        }
        if (pending.remove(sighting.address(), waiting)) {
            counts.get(Outcome.IN_USE).increment();
            waiting.answer().complete(Optional.of(sighting.mac()));
        }
    }

    /** Probes that ended as {@code outcome}. */
    public long counted(Outcome outcome) {
        return counts.get(outcome).sum();
    }

    /** Stops the timer; probes still waiting complete as free, so that their OFFERs are not lost. */
    @Override
    public void close() {
        timer.shutdownNow();
        pending.forEach((address, waiting) -> waiting.answer().complete(Optional.empty()));
        pending.clear();
    }
}
