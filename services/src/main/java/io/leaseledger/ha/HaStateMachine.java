package io.leaseledger.ha;

import io.leaseledger.config.HaConfiguration;
import io.leaseledger.config.HaConfiguration.Role;
import io.leaseledger.events.types.MacAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The hot-standby pair's rules, one node's side, without I/O: told what the partner feed and the
 * heartbeats found, it says whether this node answers. Time comes in with every call.
 *
 * <ul>
 *   <li>Both roles start {@link HaState#WAITING}: the partner's stream is read to its end first (or
 *       {@code sync-timeout} passes: Kafka unreachable), so a node that comes back knows every lease
 *       its partner granted meanwhile.</li>
 *   <li>The standby then stands by ({@link HaState#STANDBY}). It takes over ({@link HaState#PARTNER_DOWN})
 *       only when the primary is unheard for {@code max-response-delay} <em>and</em>
 *       {@code max-unacked-clients} different clients have retried for {@code max-ack-delay} without an
 *       answer; a heartbeat of a caught-up primary ({@code ready} or {@code serving}) sends it back.</li>
 *   <li>The primary, caught up, is {@link HaState#READY}; it serves ({@link HaState#SERVING}) once the
 *       standby says it stands by with everything it decided published, and this node has read the
 *       stream to its end after that (or, the standby standing by, after {@code sync-timeout} in
 *       this state); at once when the standby is unheard or still starting.</li>
 * </ul>
 *
 * Thread-safe: the feed, the heartbeat thread and the packet path call it; the packet path's
 * {@link #answers} takes no lock.
 */
public final class HaStateMachine {
    /** At most this many unanswered clients are remembered; more add nothing to the count. */
    static final int MAX_UNACKED_REMEMBERED = 10_000;

    /** A partner's heartbeat as received: its state, whether all it committed was published, when it arrived here. */
    public record PartnerHeartbeat(HaState state, boolean published, Instant receivedAt) {}

    private final HaConfiguration config;
    private final Instant startedAt;
    /** Written under the lock; read without it by {@link #answers}, on the packet path. */
    private volatile HaState state = HaState.WAITING;
    private Instant since;
    private PartnerHeartbeat partner;
    private Instant caughtUpAt;
    private boolean syncTimedOut;
    private final Map<MacAddress, Instant> unacked = new HashMap<>();

    public HaStateMachine(HaConfiguration config, Instant startedAt) {
        this.config = config;
        this.startedAt = startedAt;
        this.since = startedAt;
    }

    public synchronized HaState state() {
        return state;
    }

    /** When this node entered its state. */
    public synchronized Instant since() {
        return since;
    }

    public synchronized Optional<PartnerHeartbeat> partner() {
        return Optional.ofNullable(partner);
    }

    /** The last time the feed stood at the end of the partner's stream with all of it applied. */
    public synchronized Optional<Instant> caughtUpAt() {
        return Optional.ofNullable(caughtUpAt);
    }

    /** Whether the start went on without reading the partner's stream to its end. */
    public synchronized boolean syncTimedOut() {
        return syncTimedOut;
    }

    /** A volatile read, no lock: every client packet of a pair's node asks. */
    public boolean answers() {
        return state.answers();
    }

    /** The feed stood at the end of the partner's stream, everything before {@code at} applied. */
    public synchronized void caughtUp(Instant at) {
        caughtUpAt = at;
    }

    public synchronized void heartbeat(PartnerHeartbeat heartbeat) {
        partner = heartbeat;
        unacked.clear();
    }

    /**
     * A client this node did not answer: it counts toward a takeover when it has been retrying for
     * {@code max-ack-delay} ({@code secs}) while the primary is unheard.
     */
    public synchronized void unanswered(MacAddress client, int secs, Instant at) {
        if (state != HaState.STANDBY || !partnerSilent(at) || secs < config.maxAckDelay().toSeconds()) {
            return;
        }
        if (unacked.size() < MAX_UNACKED_REMEMBERED) {
            unacked.putIfAbsent(client, at);
        }
    }

    /** Clients counted toward a takeover now. */
    public synchronized int unackedClients() {
        return unacked.size();
    }

    /** Applies the rules at {@code now}; returns the state after. */
    public synchronized HaState tick(Instant now) {
        HaState next = next(now);
        if (next != state) {
            state = next;
            since = now;
            if (next != HaState.STANDBY) {
                unacked.clear();
            }
            // A state reached may allow the next at once (WAITING → READY → SERVING).
            return tick(now);
        }
        return state;
    }

    private HaState next(Instant now) {
        return switch (state) {
            case WAITING -> {
                if (caughtUpAt == null && elapsed(startedAt, now).compareTo(config.syncTimeout()) < 0) {
                    yield HaState.WAITING;
                }
                syncTimedOut = caughtUpAt == null;
                yield config.role() == Role.PRIMARY ? HaState.READY : HaState.STANDBY;
            }
            case READY -> {
                if (partnerSilent(now)) {
                    yield HaState.SERVING;
                }
                if (partner == null) {
                    yield HaState.READY; // not heard yet, and not for long: wait for its first heartbeat
                }
                yield switch (partner.state()) {
                    case WAITING, READY -> HaState.SERVING;
                    // A standby that never says all is published (its publisher stuck) does not keep
                    // the pair silent: after sync-timeout in this state, what was read is what there is.
                    case STANDBY -> partner.published() && caughtUpAt != null && !caughtUpAt.isBefore(partner.receivedAt())
                            || elapsed(since, now).compareTo(config.syncTimeout()) >= 0 ? HaState.SERVING : HaState.READY;
                    // The standby still answers: it goes back once it hears this node is ready.
                    case SERVING, PARTNER_DOWN -> HaState.READY;
                };
            }
            case SERVING -> HaState.SERVING;
            case STANDBY -> partnerSilent(now) && unacked.size() >= config.maxUnackedClients()
                    ? HaState.PARTNER_DOWN : HaState.STANDBY;
            case PARTNER_DOWN -> partner != null && !partnerSilent(now)
                    && (partner.state() == HaState.READY || partner.state() == HaState.SERVING)
                    ? HaState.STANDBY : HaState.PARTNER_DOWN;
        };
    }

    /**
     * True while no heartbeat of the partner came yet and it is not yet overdue: whatever the
     * partner is, this node cannot tell its addresses yet.
     */
    public synchronized boolean awaitingFirstHeartbeat(Instant now) {
        return partner == null && !partnerSilent(now);
    }

    /** No heartbeat within {@code max-response-delay} (since the start, when none came yet). */
    private boolean partnerSilent(Instant now) {
        Instant last = partner == null ? startedAt : partner.receivedAt();
        return elapsed(last, now).compareTo(config.maxResponseDelay()) >= 0;
    }

    private static Duration elapsed(Instant from, Instant to) {
        return from.isAfter(to) ? Duration.ZERO : Duration.between(from, to);
    }
}
