package io.leaseledger.ha;

import io.leaseledger.config.HaConfiguration;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.events.types.Ipv4Address;
import io.leaseledger.events.types.MacAddress;
import io.leaseledger.events.types.SubnetId;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.store.AxonStore;
import io.leaseledger.wire.dhcp4.Dhcp4Message;
import io.leaseledger.wire.foreign.ForeignReply;
import io.leaseledger.streaming.KafkaPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * This rack's half of a hot-standby pair (the {@code ha:} block, docs/ha.md): the partner's lease
 * events taken into this node's log ({@link PartnerFeed}), the heartbeats ({@link Heartbeats}), and
 * the rules of who answers ({@link HaStateMachine}), applied every {@link #TICK}.
 */
public final class HighAvailability implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HighAvailability.class);
    static final Duration TICK = Duration.ofMillis(200);

    /** What this node knows of the pair now ({@code GET /api/v1/ha}, metrics). */
    public record Status(String role, String partner, HaState state, Instant since,
                         Optional<HaState> partnerState, Optional<Duration> partnerHeardAgo,
                         Optional<Instant> partnerLastEventAt, Optional<Instant> caughtUpAt, boolean syncTimedOut,
                         int unackedClients, long partnerEventsTaken, long partnerEventsPassedOver,
                         long partnerRecordsRefused) {}

    private final HaConfiguration config;
    private final HaStateMachine machine;
    private final PartnerFeed feed;
    private final Heartbeats heartbeats;
    private final Clock clock;
    private volatile PartnerReplyFilter partnerReplies;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "leaseledger-ha-ticker");
        t.setDaemon(true);
        return t;
    });

    private HighAvailability(HaConfiguration config, HaStateMachine machine, PartnerFeed feed, Heartbeats heartbeats,
                             Clock clock) {
        this.config = config;
        this.machine = machine;
        this.feed = feed;
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    /**
     * Starts the pair's work when the configuration has an {@code ha:} block (which requires {@code kafka:}).
     *
     * @param served    whether this node serves a subnet (the settings view: the file and the API's writes)
     * @param addresses this node's addresses, announced in its heartbeats
     */
    public static Optional<HighAvailability> start(LeaseLedgerConfiguration config, AxonStore store,
                                                   SubnetGateway gateway, Predicate<SubnetId> served,
                                                   Optional<KafkaPublisher> publisher,
                                                   Supplier<List<Ipv4Address>> addresses, Clock clock) {
        if (config.ha().isEmpty() || config.kafka().isEmpty()) {
            return Optional.empty();
        }
        HaConfiguration ha = config.ha().get();
        String node = config.node().name();
        HaStateMachine machine = new HaStateMachine(ha, clock.instant());
        PartnerFeed feed = new PartnerFeed(config.kafka().get(), node, ha, gateway, served,
                new PartnerPosition(store.dataSource(), ha.partner()), machine, clock);
        Heartbeats heartbeats = new Heartbeats(config.kafka().get(), node, ha, machine,
                () -> publisher.map(p -> p.status().backlog() == 0).orElse(true), addresses, clock);
        HighAvailability started = new HighAvailability(ha, machine, feed, heartbeats, clock);
        feed.start();
        heartbeats.start();
        started.ticker.scheduleWithFixedDelay(started::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("hot-standby {} of a pair with {}: reading its stream ({}) before answering anyone", ha.role().configName(),
                ha.partner(), ha.partnerTopic());
        return Optional.of(started);
    }

    /**
     * Whether this node answers the client of {@code request} now; when it does not, the client is
     * counted toward a takeover once it has retried for {@code max-ack-delay} (its {@code secs}).
     */
    public boolean admits(Dhcp4Message request) {
        if (machine.answers()) {
            return true;
        }
        machine.unanswered(new MacAddress(request.htype(), request.hardwareAddress()), request.secs(), clock.instant());
        return false;
    }

    /**
     * {@code next} without the partner's replies (their source or server identifier an address
     * the partner announced): the partner is no foreign DHCP server. Replies heard before its first
     * heartbeat wait for it ({@link PartnerReplyFilter}).
     */
    public Consumer<ForeignReply> withoutPartnerReplies(Consumer<ForeignReply> next) {
        PartnerReplyFilter filter = new PartnerReplyFilter(heartbeats::partnerAddresses,
                () -> machine.awaitingFirstHeartbeat(clock.instant()), next);
        partnerReplies = filter;
        return filter;
    }

    /** Whether this node's own timers (expiry reclaim) should act: only while it answers. */
    public boolean answers() {
        return machine.answers();
    }

    public Status status() {
        Instant now = clock.instant();
        var partner = machine.partner();
        return new Status(config.role().configName(), config.partner(), machine.state(), machine.since(),
                partner.map(HaStateMachine.PartnerHeartbeat::state),
                partner.map(p -> now.isBefore(p.receivedAt()) ? Duration.ZERO : Duration.between(p.receivedAt(), now)),
                feed.lastEventAt(), machine.caughtUpAt(), machine.syncTimedOut(), machine.unackedClients(),
                feed.taken(), feed.passedOver(), feed.refused());
    }

    private void tick() {
        PartnerReplyFilter filter = partnerReplies;
        if (filter != null) {
            filter.release();
        }
        try {
            HaState before = machine.state();
            int unanswered = machine.unackedClients(); // a transition forgets them
            HaState after = machine.tick(clock.instant());
            if (after != before) {
                if (after == HaState.PARTNER_DOWN) {
                    LOG.warn("HA: {} → {}: partner {} unheard for over {}s and {} client(s) unanswered for {}s; "
                                    + "this node answers everyone", before.wireName(), after.wireName(), config.partner(),
                            config.maxResponseDelay().toSeconds(), unanswered, config.maxAckDelay().toSeconds());
                } else if (before == HaState.WAITING && machine.syncTimedOut()) {
                    LOG.warn("HA: {} → {}: partner {}'s stream could not be read to its end within {}s: going on without it",
                            before.wireName(), after.wireName(), config.partner(), config.syncTimeout().toSeconds());
                } else {
                    LOG.info("HA: {} → {}", before.wireName(), after.wireName());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("HA tick failed", e);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        heartbeats.close();
        feed.close();
    }
}
