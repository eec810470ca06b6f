package io.leaseledger.server;

import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.arp.ArpFrames;
import io.leaseledger.wire.arp.ArpSighting;
import io.leaseledger.wire.icmp.EchoMessages.EchoReply;
import io.leaseledger.wire.icmp.EchoSocket;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server conflict detection (RFC 2131 §2.2: "the allocating server SHOULD probe the reused address
 * before allocating the address"; MAAS's docs on overlapping DHCP servers): before an OFFER, the
 * address is asked for, and the OFFER waits {@code wait} for an answer. On a link this node is on,
 * by ARP: every host answers ARP for its own address, firewall or not, and the answer names the
 * device (the node's ARP listener hands every sighting here, {@link #accept}). On a relayed subnet,
 * whose link this node is not on, by ICMP echo, as ISC dhcpd's ping check: the request is routed
 * towards the relay like any datagram, and a reply says that something uses the address, not
 * what ({@link Answer#device()} null). Either way the pipeline withholds the OFFER and reports the
 * address in use to the subnet, so that the client's next DISCOVER is offered another address.
 *
 * <p>Probes are keyed by address: a second probe of an address already being probed (a client's
 * retransmission) waits for the first one's answer instead of asking again.
 */
public final class ConflictProbe implements Consumer<ArpSighting>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConflictProbe.class);

    /** How a probe asked. */
    public enum Method {
        /** An ARP request on the link the DISCOVER came in on. */
        ARP,
        /** An ICMP echo request to the address, routed towards its relay. */
        ICMP
    }

    /** What became of a probe. */
    public enum Outcome {
        /** Nobody but the client answered within the wait: the OFFER goes. */
        FREE,
        /** Another device answered: the OFFER is withheld and the device reported. */
        IN_USE,
        /** The request could not be sent (no CAP_NET_RAW, the interface gone, no route): the OFFER goes unprobed. */
        FAILED
    }

    /**
     * Who answered a probe: a device by its hardware address (ARP), or, {@code device} null, one
     * known only by its answer to an ICMP echo.
     */
    public record Answer(MacAddress device) {
        @Override
        public String toString() {
            return device == null ? "a device (ICMP echo)" : device.toString();
        }
    }

    /** Sends one ARP request for {@code target} from {@code sender} out of {@code iface}. */
    @FunctionalInterface
    interface Asker {
        void ask(String iface, Ipv4Address sender, Ipv4Address target) throws Exception;
    }

    /** Sends one ICMP echo request to {@code target} with this probe's identifier and {@code sequence}. */
    @FunctionalInterface
    interface EchoAsker {
        void ask(Ipv4Address target, int identifier, int sequence) throws Exception;
    }

    private static final byte[] BROADCAST_MAC = {-1, -1, -1, -1, -1, -1};
    /** How long the echo reader blocks before it looks whether it should stop. */
    private static final int ECHO_READ_TIMEOUT_MILLIS = 250;

    /** A probe waiting for its answer; {@code client} null for an echo probe (any answer counts). */
    private record Pending(Method method, MacAddress client, CompletableFuture<Optional<Answer>> answer) {}

    private final Duration wait;
    private final Asker asker;
    private final EchoAsker echoAsker;
    /** The identifier of this node's echo requests: replies to other programs' pings are not answers. */
    private final int echoIdentifier = ThreadLocalRandom.current().nextInt(1, 0x10000);
    private final AtomicInteger echoSequence = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("conflict-probe").factory());
    private final Map<Ipv4Address, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Method, Map<Outcome, LongAdder>> counts = new EnumMap<>(Method.class);
    private volatile Runnable onClose = () -> { };
    private volatile boolean arpOn = true;

    /** {@code asker} or {@code echoAsker} null: that way of asking is not available here. */
    ConflictProbe(Duration wait, Asker asker, EchoAsker echoAsker) {
        this.wait = wait;
        this.asker = asker;
        this.echoAsker = echoAsker;
        for (Method method : Method.values()) {
            Map<Outcome, LongAdder> byOutcome = new EnumMap<>(Outcome.class);
            for (Outcome outcome : Outcome.values()) {
                byOutcome.put(outcome, new LongAdder());
            }
            counts.put(method, byOutcome);
        }
    }

    ConflictProbe(Duration wait, Asker asker) {
        this(wait, asker, null);
    }

    /**
     * Probes on this machine (both ways need CAP_NET_RAW): by ARP through a packet socket per
     * request when {@code byArp} (each interface's index and address looked up once, and again
     * after a failed send: the interface may have been re-created); by ICMP echo through one raw
     * socket and a thread reading its replies, when that socket opens (else relayed OFFERs go
     * unprobed, and the log says why).
     */
    public static ConflictProbe onThisMachine(Duration wait, boolean byArp) {
        Asker arp = byArp ? arpOnThisMachine() : null;
        EchoSocket socket;
        try {
            socket = EchoSocket.open(ECHO_READ_TIMEOUT_MILLIS);
        } catch (PacketSocket.NativeFailure e) {
            LOG.warn("conflict-probe: no ICMP echo socket ({}): OFFERs on relayed subnets go unprobed", e.getMessage());
            return new ConflictProbe(wait, arp, null);
        }
        var probe = new ConflictProbe(wait, arp, socket::send);
        Thread reader = Thread.ofPlatform().daemon().name("conflict-probe-echo").start(() -> probe.readEchoes(socket));
        probe.onClose = () -> {
            reader.interrupt();
            try {
                reader.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        return probe;
    }

    private static Asker arpOnThisMachine() {
        Map<String, EthernetInterface> nics = new ConcurrentHashMap<>();
        return (iface, sender, target) -> {
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
        };
    }

    /** The echo reader's loop: every reply to one of this node's requests is an answer; stops when interrupted. */
    private void readEchoes(EchoSocket socket) {
        try (socket) {
            while (!Thread.currentThread().isInterrupted()) {
                socket.receive().ifPresent(this::acceptEcho);
            }
        } catch (PacketSocket.NativeFailure | RuntimeException e) {
            LOG.warn("conflict-probe: reading ICMP echo replies failed ({}): OFFERs on relayed subnets are no longer"
                    + " held back by an answer", e.toString());
        }
    }

    public Duration waitTime() {
        return wait;
    }

    /** Whether OFFERs on links this node is on can be probed (ARP). */
    public boolean asksByArp() {
        return asker != null && arpOn;
    }

    /** No more ARP probes: nothing would hear their answers (the ARP listener hears no interface). */
    public void stopAskingByArp() {
        arpOn = false;
    }

    /** Whether OFFERs on relayed subnets can be probed (ICMP echo). */
    public boolean asksByEcho() {
        return echoAsker != null;
    }

    /**
     * Asks who has {@code target} on {@code iface} by ARP; completes, on the probe's timer thread or
     * the ARP listener's, with the device other than {@code client} that answered, or empty when
     * none did within the wait or the request could not be sent.
     */
    public CompletableFuture<Optional<Answer>> probe(String iface, Ipv4Address sender, Ipv4Address target,
                                                     MacAddress client) {
        return ask(new Pending(Method.ARP, client, new CompletableFuture<>()), target,
                () -> asker.ask(iface, sender, target));
    }

    /**
     * Sends an ICMP echo request to {@code target}; completes, on the probe's timer thread or its
     * echo reader, with an {@link Answer} without device when a reply came within the wait, or
     * empty when none did or the request could not be sent.
     */
    public CompletableFuture<Optional<Answer>> probeByEcho(Ipv4Address target) {
        int sequence = echoSequence.incrementAndGet() & 0xffff;
        return ask(new Pending(Method.ICMP, null, new CompletableFuture<>()), target,
                () -> echoAsker.ask(target, echoIdentifier, sequence));
    }

    @FunctionalInterface
    private interface Request {
        void send() throws Exception;
    }

    private CompletableFuture<Optional<Answer>> ask(Pending fresh, Ipv4Address target, Request request) {
        Pending existing = pending.putIfAbsent(target, fresh);
        if (existing != null) {
            return existing.answer();
        }
        try {
            request.send();
        } catch (Exception e) {
            pending.remove(target, fresh);
            count(fresh, Outcome.FAILED);
            fresh.answer().complete(Optional.empty());
            return fresh.answer();
        }
        // Whoever removes the entry owns the outcome; it is counted before the answer is given, so
        // that whoever holds the answer finds it counted.
        timer.schedule(() -> {
            if (pending.remove(target, fresh)) {
                count(fresh, Outcome.FREE);
                fresh.answer().complete(Optional.empty());
            }
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
        return fresh.answer();
    }

    /** A device heard claiming an address (the ARP listener's reader threads): the answer to a probe, if one waits. */
    @Override
    public void accept(ArpSighting sighting) {
        Pending waiting = pending.get(sighting.address());
        if (waiting == null || sighting.mac().equals(waiting.client())) {
            return;
        }
        answer(sighting.address(), waiting, new Answer(sighting.mac()));
    }

    /** An echo reply (the echo reader): the answer to this node's probe of its source, if one waits. */
    void acceptEcho(EchoReply reply) {
        if (reply.identifier() != echoIdentifier) {
            return;
        }
        Pending waiting = pending.get(reply.source());
        if (waiting != null && waiting.method() == Method.ICMP) {
            answer(reply.source(), waiting, new Answer(null));
        }
    }

    private void answer(Ipv4Address address, Pending waiting, Answer answer) {
        if (pending.remove(address, waiting)) {
            count(waiting, Outcome.IN_USE);
            waiting.answer().complete(Optional.of(answer));
        }
    }

    private void count(Pending probe, Outcome outcome) {
        counts.get(probe.method()).get(outcome).increment();
    }

    /** Probes that ended as {@code outcome}, however they asked. */
    public long counted(Outcome outcome) {
        return counted(Method.ARP, outcome) + counted(Method.ICMP, outcome);
    }

    /** Probes by {@code method} that ended as {@code outcome}. */
    public long counted(Method method, Outcome outcome) {
        return counts.get(method).get(outcome).sum();
    }

    /** This node's echo identifier (tests answer with it). */
    int echoIdentifier() {
        return echoIdentifier;
    }

    /** Stops the timer and the echo reader; probes still waiting complete as free, so that their OFFERs are not lost. */
    @Override
    public void close() {
        timer.shutdownNow();
        onClose.run();
        pending.forEach((address, waiting) -> waiting.answer().complete(Optional.empty()));
        pending.clear();
    }
}
