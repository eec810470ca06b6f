package io.leaseledger.server;

import io.leaseledger.events.subnet.ForeignDhcpServerObserved;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.wire.foreign.ForeignReply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other DHCP servers heard on the served links (MAAS shows them on the rack controller's
 * page: "external DHCP server detected"), one entry per interface and server identifier: when it
 * was first and last heard, how many of its replies, and the last one's type, client and address.
 * Fed by the {@code ForeignDhcpListener}'s readers; read by the HTTP API.
 *
 * <p>A server newly heard, or heard again after {@link #WARN_AGAIN_AFTER} of silence, is logged
 * at WARN and handed to the recorder (the event log's record of it, {@link ForeignServerReporter}):
 * on a provisioning network another server answering means machines may PXE-boot from the wrong
 * place or get addresses outside the plan. At most {@link #CAPACITY} entries are kept (forged
 * replies with random server identifiers cannot fill the heap, nor the log with records); replies
 * of servers beyond that are counted, not remembered. The list itself is in memory: a restart
 * starts it empty, and the next reply of a server still there brings it back; the log keeps
 * every record.
 */
public final class ForeignDhcpServers implements Consumer<ForeignReply> {
    private static final Logger LOG = LoggerFactory.getLogger(ForeignDhcpServers.class);
    static final int CAPACITY = 256;
    static final Duration WARN_AGAIN_AFTER = Duration.ofHours(1);

    /** One server as heard on one interface. */
    public record Server(String iface, Ipv4Address server, Ipv4Address sourceAddress, Optional<MacAddress> sourceMac,
                         Instant firstHeard, Instant lastHeard, long replies, String lastMessageType,
                         String lastClient, Optional<Ipv4Address> lastOffered) {
    }

    private record Key(String iface, Ipv4Address server) {
    }

    private final Clock clock;
    private volatile List<String> interfaces = List.of();
    private final Map<Key, Server> servers = new LinkedHashMap<>();
    private final LongAdder unremembered = new LongAdder();

    private final Consumer<ForeignReply> recorder;

    /** @param recorder told of each reply that is logged at WARN, on the listener's thread: must not block */
    public ForeignDhcpServers(Clock clock, Consumer<ForeignReply> recorder) {
        this.clock = clock;
        this.recorder = recorder;
    }

    /** Once the listener has started: the interfaces it hears. */
    public void listeningOn(List<String> heard) {
        interfaces = List.copyOf(heard);
    }

    @Override
    public void accept(ForeignReply reply) {
        Instant now = clock.instant();
        Key key = new Key(reply.iface(), reply.server());
        Server before;
        synchronized (servers) {
            before = servers.get(key);
            if (before == null && servers.size() >= CAPACITY) {
                unremembered.increment();
                return;
            }
            servers.put(key, new Server(reply.iface(), reply.server(), reply.sourceAddress(), reply.sourceMac(),
                    before == null ? now : before.firstHeard(), now, before == null ? 1 : before.replies() + 1,
                    reply.messageType(), reply.client(), reply.offered()));
        }
        if (before == null || Duration.between(before.lastHeard(), now).compareTo(WARN_AGAIN_AFTER) >= 0) {
            LOG.warn("another DHCP server answers on {}: {} (from {}{}) sent a {} to {}{}", reply.iface(), reply.server(),
                    reply.sourceAddress(), reply.sourceMac().map(m -> " " + m).orElse(""), reply.messageType(),
                    reply.client(), reply.offered().map(a -> " offering " + a).orElse(""));
            recorder.accept(reply); // after the warning: a recorder that fails must not cost the line
        }
    }

    /**
     * A server the event log recorded before this start ({@code ForeignDhcpServerObserved}, given
     * oldest first): listed with its first record's time as first heard, its last record's as last
     * heard and no replies heard yet, so that a restart neither forgets it (the list, the
     * {@link #heardRecently()} alert) nor warns of it and records it again within the hour of its
     * last record. Beyond {@link #CAPACITY} servers, the least recently recorded make room.
     */
    public void remember(ForeignDhcpServerObserved recorded) {
        Key key = new Key(recorded.iface(), recorded.server());
        synchronized (servers) {
            Server before = servers.get(key);
            if (before == null && servers.size() >= CAPACITY) {
                servers.values().stream().min(Comparator.comparing(Server::lastHeard))
                        .ifPresent(oldest -> servers.remove(new Key(oldest.iface(), oldest.server())));
            }
            servers.put(key, new Server(recorded.iface(), recorded.server(), recorded.sourceAddress(),
                    Optional.ofNullable(recorded.sourceMac()), before == null ? recorded.at() : before.firstHeard(),
                    recorded.at(), before == null ? 0 : before.replies(), recorded.messageType(),
                    recorded.client().toString(), Optional.ofNullable(recorded.offered())));
        }
    }

    /** Every server heard, most recently heard first. */
    public List<Server> servers() {
        List<Server> all;
        synchronized (servers) {
            all = new ArrayList<>(servers.values());
        }
        all.sort(Comparator.comparing(Server::lastHeard).reversed());
        return all;
    }

    /** The interfaces heard; empty when the listener is off or the kernel refused it. */
    public List<String> interfaces() {
        return interfaces;
    }

    /** Replies of servers not remembered because {@link #CAPACITY} were already. */
    public long unremembered() {
        return unremembered.sum();
    }

    /**
     * How many servers were heard within the last {@link #WARN_AGAIN_AFTER}: those still answering
     * (the probe asks every ten minutes), so an alert on it ends an hour after the last one fell
     * silent; the list keeps them all.
     */
    public int heardRecently() {
        Instant since = clock.instant().minus(WARN_AGAIN_AFTER);
        synchronized (servers) {
            return (int) servers.values().stream().filter(s -> s.lastHeard().isAfter(since)).count();
        }
    }

    /** How many servers are remembered. */
    public int size() {
        synchronized (servers) {
            return servers.size();
        }
    }
}
