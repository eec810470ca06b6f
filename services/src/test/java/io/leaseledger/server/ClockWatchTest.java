package io.leaseledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClockWatchTest {
    private static final Instant T0 = Instant.parse("2026-12-02T14:03:00Z");

    /** A clock the test sets. */
    private static final class SetClock extends Clock {
        volatile Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this; // the test reads instants only
        }
    }

    private final SetClock system = new SetClock();
    private final ClockWatch watch = new ClockWatch(system);

    @Test
    void givesTheClocksTimeUnchangedAndCountsNothingWhileItRunsForward() {
        for (int second = 0; second < 5; second++) {
            system.now = T0.plusSeconds(second);
            assertThat(watch.instant()).isEqualTo(T0.plusSeconds(second));
        }
        assertThat(watch.stepsBack()).isZero();
    }

    @Test
    void aStepBackIsCountedOnceAndTheTimeAfterItIsGivenAsItIs() {
        system.now = T0;
        watch.instant();
        system.now = T0.minus(Duration.ofHours(1));
        assertThat(watch.instant()).as("not held at the later time").isEqualTo(T0.minus(Duration.ofHours(1)));
        assertThat(watch.stepsBack()).isEqualTo(1);
        // From the new time on, forward again: no further step.
        system.now = T0.minus(Duration.ofMinutes(59));
        watch.instant();
        system.now = T0.plusSeconds(1);
        watch.instant();
        assertThat(watch.stepsBack()).isEqualTo(1);
    }

    @Test
    void readingsOutOfOrderByLessThanASecondAreThreadsRacingNotAStep() {
        system.now = T0;
        watch.instant();
        system.now = T0.minusMillis(ClockWatch.TOLERANCE.toMillis());
        watch.instant();
        assertThat(watch.stepsBack()).isZero();
    }

    @Test
    void aStoreWhoseNewestEventIsLaterThanNowWasWrittenBeforeTheClockSteppedBack() {
        system.now = T0;
        watch.noteNewestStored(T0.minusSeconds(30));
        watch.noteNewestStored(T0.plusMillis(500));
        assertThat(watch.stepsBack()).as("older events, and one within the tolerance").isZero();
        watch.noteNewestStored(T0.plus(Duration.ofDays(2)));
        assertThat(watch.stepsBack()).isEqualTo(1);
    }

    @Test
    void theCountIsAPrometheusCounterAndAZonedCopySharesIt() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        watch.bindTo(registry);
        Clock zoned = watch.withZone(ZoneId.of("Europe/Paris"));
        system.now = T0;
        zoned.instant();
        system.now = T0.minus(Duration.ofMinutes(5));
        watch.instant();
        assertThat(registry.get("leaseledger.clock.steps.back").functionCounter().count()).isEqualTo(1.0);
    }
}
