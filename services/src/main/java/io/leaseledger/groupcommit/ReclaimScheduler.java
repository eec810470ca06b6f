package io.leaseledger.groupcommit;

import io.leaseledger.events.types.SubnetId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends {@code ReclaimExpiredLeases} to every served subnet every {@code interval}, through the
 * subnet's mailbox (so reclaiming never races a packet of the same subnet). At most one reclaim
 * per subnet is waiting at a time; when one stops at its batch limit with more leases due, the
 * next is queued at once rather than at the next tick. The time of each reclaim is the
 * gateway's clock reading when the command runs.
 */
public final class ReclaimScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReclaimScheduler.class);

    private final SubnetGateway gateway;
    private final Supplier<Collection<SubnetId>> subnets;
    private final int batchLimit;
    private final Set<SubnetId> pending = ConcurrentHashMap.newKeySet();
    private volatile BooleanSupplier active = () -> true;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "leaseledger-reclaim");
        thread.setDaemon(true);
        return thread;
    });

    private volatile boolean closed;

    public ReclaimScheduler(SubnetGateway gateway, Supplier<Collection<SubnetId>> subnets, int batchLimit) {
        this.gateway = gateway;
        this.subnets = subnets;
        this.batchLimit = batchLimit;
    }

    /**
     * Reclaims only while {@code whileTrue} holds (an HA standby leaves expiry to the node that
     * answers: its reclaims reach this node through its stream). Always, by default.
     */
    public void onlyWhile(BooleanSupplier whileTrue) {
        this.active = whileTrue;
    }

    /** Starts the ticks; the first one after {@code interval}. */
    public void start(Duration interval) {
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Queues one reclaim for each subnet that has none waiting. */
    public void tick() {
        if (closed || !active.getAsBoolean()) {
            return;
        }
        try {
            for (SubnetId subnet : subnets.get()) {
                if (pending.add(subnet)) {
                    send(subnet);
                }
            }
        } catch (RuntimeException e) {
            // A tick must never kill the timer: the next one tries again.
            LOG.warn("reclaim tick failed", e);
        }
    }

    private void send(SubnetId subnet) {
        gateway.reclaim(subnet, batchLimit).whenComplete((outcome, failure) -> {
            if (failure == null && outcome.moreDue() && !closed) {
                send(subnet);
                return;
            }
            pending.remove(subnet);
            if (failure != null) {
                LOG.warn("reclaiming expired leases of {} failed; retried at the next tick", subnet, failure);
            }
        });
    }

    /**
     * Stops queuing reclaims: no tick, and no follow-up to a reclaim that stopped at its batch
     * limit. A reclaim already queued is still decided; a tick already running is waited for
     * (bounded: it only queues), so that nothing is queued after this returns. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(1, TimeUnit.SECONDS)) {
                LOG.warn("the reclaim timer did not stop within 1 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
