package io.leaseledger.server;

import io.leaseledger.config.ConfigurationApplier;
import io.leaseledger.config.ConfigurationException;
import io.leaseledger.config.LeaseLedgerConfiguration;
import io.leaseledger.config.SettingsView;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.groupcommit.SubnetGateway;
import io.leaseledger.metrics.DhcpMetrics;
import io.leaseledger.store.ScratchDirectory;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.StoreSettings;
import io.leaseledger.subnet.Subnet;
import io.leaseledger.wire.transport.DatagramHandler;
import io.leaseledger.wire.transport.DecodingHandler;
import io.leaseledger.wire.transport.ReplyPorts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.management.JMException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Compiles the packet path before the first client is answered. A freshly started JVM runs the
 * path interpreted until the JIT has compiled it: measured with perfdhcp at 7,000 DORA/s, a cold
 * server answered 500–1,200 DISCOVERs of the 7,000 in its first second and lost the rest (the
 * clients retransmit, the backlog then arrives all at once), while from the third second on it
 * kept up with the same rate at 70 % of a core. A rack that restarts faces exactly that: every
 * machine it serves retrying at once.
 *
 * <p>So, before the transport opens, synthetic clients run DORAs (and renewals and releases)
 * through the same objects real packets go through — {@link DecodingHandler}, the
 * {@link PacketPipeline}, the mailbox, the {@code Subnet} aggregate, an H2 event store with the
 * node's durability and mailbox settings, the reply assembler and encoder — in a scratch store
 * of their own ({@code warm-up/} under the store's directory, deleted afterwards): nothing of
 * it reaches the node's event log, its projections, Kafka or the network. Every other round goes
 * through a real transport channel on loopback instead ({@link LoopbackWire}), so that Netty's
 * socket reads and writes are compiled too.
 *
 * <p>It stops when the JIT has nothing left to compile — two rounds in a row each added less
 * than {@link #SETTLED_MILLIS} ms of compilation and ended with at most {@link #SETTLED_PENDING}
 * methods in the compilers' queues ({@link JitQueue}, where the JVM offers it) — or once it has
 * run {@link #ENOUGH_ROUNDS} rounds, or after {@code budget}. It never stops the node
 * from starting: a failure is logged and the node serves cold. Without C2 (the launcher runs
 * {@code serve} on C1 alone) the compiled code does not depend on the warm-up's profile, so the
 * real traffic does not recompile it.
 */
public final class Warmup {
    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    /** Clients per round: several batches of the default batch limit (64), so group commit batches for real. */
    static final int CLIENTS_PER_ROUND = 256;
    static final int MIN_ROUNDS = 4;
    /** Three quarters of each round's clients keep their lease: this many rounds fill three quarters of the pool. */
    static final int MAX_ROUNDS = 256;
    /** Settled once two rounds in a row added less compilation than this... */
    static final long SETTLED_MILLIS = 3;
    /** ...and ended with at most this many methods queued or being compiled. */
    static final int SETTLED_PENDING = 2;
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
    /** A loopback round that waits longer than this has lost a datagram: the rest run in process. */
    private static final Duration LOOPBACK_REPLY_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Rounds after which the warm-up stops even if the JIT is still busy: the packet path's methods
     * have been called often enough to be compiled by C2 and ran at its speed afterwards. The 5 s a
     * warm-up had on a 2-core machine as fast as the reference (Kea 11,000 DORA/s) ran about 90
     * rounds, and the path then kept C2's code; on a machine a third as fast the same 5 s ran 7-15
     * rounds, nothing had reached C2 before the cut-off, and the event loop spent 231-257 µs per
     * DORA for the life of the process against 196-228 after 90-256 rounds (docs/benchmarks.md, "A
     * warm-up measured in rounds"). Letting it settle fully takes ~250 rounds for no lower CPU.
     */
    static final int ENOUGH_ROUNDS = 96;

    /** Rounds at least, after the caller's change to the JIT (the C2 cut-off). */
    static final int MIN_ROUNDS_AFTER_CHANGE = 2;

    /**
     * What the warm-up did: DORAs run, rounds (how many of them after the JIT change, how many
     * through the loopback channel), how long, and the JIT's compile time meanwhile.
     */
    public record Outcome(int exchanges, int rounds, int roundsAfterChange, int loopbackRounds, Duration took,
                          long compileMillis) {}

    private Warmup() {
    }

    /**
     * Runs the warm-up, bounded by {@code budget}; never throws.
     *
     * @param node    the node's store settings: durability and mailbox limits are copied, the database is not
     * @param scratch the directory for the scratch store (wiped before and after)
     */
    public static Optional<Outcome> run(StoreSettings node, Path scratch, Duration budget, Clock clock) {
        return run(node, scratch, budget, clock, null);
    }

    /**
     * Runs the warm-up and, once the JIT has settled (or {@link #ENOUGH_ROUNDS} rounds have run, or
     * the budget is spent), {@code jitChange} (the C2 cut-off), then rounds again until the JIT settles under
     * the change — for at most half as long again as the rounds before it, and no fewer than
     * {@link #MIN_ROUNDS_AFTER_CHANGE} rounds. Why: when
     * C2 stops, every method it had not compiled yet — hundreds queued for it at the end of a
     * warm-up, and every method still in C1's profiling code — is compiled again by C1 the
     * next time it gets hot; after the warm-up, that was 1,300 compilations in the first second of
     * real traffic, on the cores the packets need, with the path in its slower profiling code
     * meanwhile. {@code jitChange} runs exactly once, also when there is no warm-up or it fails;
     * without one ({@code null}) nothing runs after the first settling.
     */
    public static Optional<Outcome> run(StoreSettings node, Path scratch, Duration budget, Clock clock, Runnable jitChange) {
        return run(node, scratch, budget, ENOUGH_ROUNDS, clock, jitChange);
    }

    /** {@link #run(StoreSettings, Path, Duration, Clock, Runnable)}, done after {@code enoughRounds} rounds before the change. */
    static Optional<Outcome> run(StoreSettings node, Path scratch, Duration budget, int enoughRounds, Clock clock,
                                 Runnable jitChange) {
        JitChange change = new JitChange(jitChange);
        if (budget.isZero() || budget.isNegative()) {
            change.runOnce();
            return Optional.empty();
        }
        try {
            Outcome outcome = runIn(node, scratch, budget, enoughRounds, clock, change);
            LOG.info("warm-up: {} synthetic DORAs in {} rounds ({} after the JIT change, {} through a loopback channel), {} ms"
                            + " ({} ms of JIT compilation)", outcome.exchanges(), outcome.rounds(), outcome.roundsAfterChange(),
                    outcome.loopbackRounds(), outcome.took().toMillis(), outcome.compileMillis());
            return Optional.of(outcome);
        } catch (RuntimeException | IOException | ConfigurationException | JMException e) {
            LOG.warn("warm-up failed, serving with a cold packet path: {}", e.toString());
            return Optional.empty();
        } finally {
            change.runOnce();
            try {
                ScratchDirectory.wipe(scratch);
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("could not delete the warm-up's scratch store {}: {}", scratch, e.toString());
            }
        }
    }

    private static Outcome runIn(StoreSettings node, Path scratch, Duration budget, int enoughRounds, Clock clock,
                                 JitChange change)
            throws IOException, ConfigurationException, JMException {
        long started = System.nanoTime();
        long deadline = started + budget.toNanos();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitTimed = jit != null && jit.isCompilationTimeMonitoringSupported();
        long compileAtStart = jitTimed ? jit.getTotalCompilationTime() : 0;
        ScratchDirectory.wipe(scratch);
        Files.createDirectories(scratch);
        StoreSettings settings = StoreSettings.h2(scratch)
                .withDurability(node.durability())
                .withMailbox(node.mailbox())
                .withSnapshots(node.snapshots());
        LeaseLedgerConfiguration config = SyntheticSubnet.configuration();
        try (AxonStore store = AxonStore.start(settings, List.of(Subnet.class));
             SubnetGateway gateway = new SubnetGateway(store.commandGateway(), clock, settings.mailbox())) {
            ConfigurationApplier.apply(new SettingsView(), config, store.commandGateway(), clock.instant());
            SettingsView view = new SettingsView();
            store.replayExcept(SettingsView.IGNORED_EVENTS, payload -> {
                if (payload instanceof SubnetEvent event) {
                    view.on(event);
                }
            });
            PacketPipeline pipeline = new PacketPipeline(gateway, view, Optional.empty(), ReplyPorts.STANDARD,
                    new DhcpMetrics());
            try (WarmupClients clients = new WarmupClients(
                    new SyntheticClients(new DecodingHandler(pipeline), SyntheticSubnet.ingress(), SyntheticSubnet.SERVER,
                            SyntheticSubnet.RELAY, REPLY_TIMEOUT),
                    overLoopback(ports -> new DecodingHandler(new PacketPipeline(gateway, view, Optional.empty(), ports,
                            new DhcpMetrics()))))) {
                JitSettling settling = new JitSettling(jit, jitTimed, JitQueue.ofThisJvm());
                int rounds = roundsUntilSettled(clients, 0, MIN_ROUNDS, enoughRounds, deadline, settling);
                int before = rounds;
                if (change.runOnce()) {
                    long now = System.nanoTime();
                    long afterChange = now + (now - started) / 2;
                    rounds = roundsUntilSettled(clients, rounds, rounds + MIN_ROUNDS_AFTER_CHANGE, MAX_ROUNDS, afterChange,
                            settling.reset());
                }
                long compileMillis = jitTimed ? jit.getTotalCompilationTime() - compileAtStart : -1;
                return new Outcome(clients.exchanges(), rounds, rounds - before, clients.loopbackRounds(),
                        Duration.ofNanos(System.nanoTime() - started), compileMillis);
            }
        }
    }

    /** Clients over loopback, or none (logged) where the host's loopback cannot carry them. */
    private static Optional<SyntheticClients> overLoopback(Function<ReplyPorts, DatagramHandler> handlerFor) {
        try {
            SyntheticClients clients = SyntheticClients.overLoopback(handlerFor, SyntheticSubnet.SERVER, SyntheticSubnet.RELAY,
                    LOOPBACK_REPLY_TIMEOUT);
            LOG.info("warm-up: the transport on {} is the warm-up's own, for its synthetic clients; it closes when the warm-up ends",
                    clients.loopbackChannel());
            return Optional.of(clients);
        } catch (IOException | RuntimeException e) {
            LOG.info("warm-up without the socket path (no transport channel on loopback: {})", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Runs rounds from {@code round} until the JIT has settled (and at least up to {@code minRounds}),
     * {@code enoughRounds}, the deadline or {@link #MAX_ROUNDS}; returns the next round.
     */
    private static int roundsUntilSettled(WarmupClients clients, int round, int minRounds, int enoughRounds, long deadline,
                                          JitSettling settling) throws JMException {
        int last = Math.min(enoughRounds, MAX_ROUNDS);
        while (round < last && System.nanoTime() < deadline) {
            clients.round(round);
            round++;
            if (settling.settledAfterRound() && round >= minRounds) {
                break;
            }
        }
        return round;
    }

    /** The caller's change to the JIT, if any, run at most once. */
    private static final class JitChange {
        private final Runnable change;
        private boolean done;

        JitChange(Runnable change) {
            this.change = change;
        }

        /** Runs the change unless there is none or it has run; whether it ran now. */
        boolean runOnce() {
            if (change == null || done) {
                return false;
            }
            done = true;
            change.run();
            return true;
        }
    }

}
