package io.leaseledger.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's clock, watched for steps backwards. Every command takes its time from this clock (the
 * aggregate never reads one) and every event is dated with it, so a clock stepped back — by NTP
 * after a boot with a fast hardware clock, by hand, in a VM restored from a snapshot — dates what
 * comes next before what is already stored: the address history then has intervals that end
 * before they begin, and "who held this address at 14:03" has no single answer for the span
 * stepped over. The order of the events (each subnet's sequence) stays exact.
 *
 * <p>The time given is not changed. Standing still until the clock caught up would keep the dates in
 * order, but a clock that once ran days ahead would then freeze every lease, offer and probation
 * for days. The step is made visible instead: a WARN line and
 * {@code leaseledger_clock_steps_back_total}. Two readings less than {@link #TOLERANCE} apart in
 * the wrong order are threads racing each other to the clock, not a step.
 */
public final class ClockWatch extends Clock {
    private static final Logger LOG = LoggerFactory.getLogger(ClockWatch.class);
    static final Duration TOLERANCE = Duration.ofSeconds(1);

    private final Clock clock;
    /** The last reading, in epoch milliseconds; a step starts the comparison afresh from the new time. */
    private final AtomicLong lastMillis;
    private final LongAdder steps;

    public ClockWatch(Clock clock) {
        this(clock, new AtomicLong(Long.MIN_VALUE), new LongAdder());
    }

    private ClockWatch(Clock clock, AtomicLong lastMillis, LongAdder steps) {
        this.clock = clock;
        this.lastMillis = lastMillis;
        this.steps = steps;
    }

    @Override
    public Instant instant() {
        Instant now = clock.instant();
        long last = lastMillis.getAndSet(now.toEpochMilli());
        if (last != Long.MIN_VALUE && last - now.toEpochMilli() > TOLERANCE.toMillis()) {
            stepped(Instant.ofEpochMilli(last), now, "the clock stepped back");
        }
        return now;
    }

    /**
     * At start: the newest event already stored was dated {@code newest}. A clock now earlier than
     * that stepped back while the node was down (or the store comes from a machine whose clock ran ahead).
     */
    public void noteNewestStored(Instant newest) {
        Instant now = clock.instant();
        if (Duration.between(now, newest).compareTo(TOLERANCE) > 0) {
            stepped(newest, now, "the newest stored event is dated later than the clock's now");
        }
    }

    private void stepped(Instant before, Instant reading, String what) {
        Instant now = reading.truncatedTo(ChronoUnit.MILLIS);
        steps.increment();
        LOG.warn("{} by {} ({} -> {}): events from here on are dated before events already stored until the clock "
                        + "passes {}; the address history of that span has intervals out of order (docs/operations.md, "
                        + "\"Keep the clock right\")", what, Duration.between(now, before), before, now, before);
    }

    /** Steps back seen since start. */
    public long stepsBack() {
        return steps.sum();
    }

    /** {@code leaseledger_clock_steps_back_total}. */
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("leaseledger.clock.steps.back", this, ClockWatch::stepsBack)
                .description("Times the node's clock was seen to step backwards by more than a second (events dated out of order)")
                .register(registry);
    }

    @Override
    public ZoneId getZone() {
        return clock.getZone();
    }

    /** The same watch (its readings and count) over the clock in {@code zone}. */
    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(getZone()) ? this : new ClockWatch(clock.withZone(zone), lastMillis, steps);
    }
}
