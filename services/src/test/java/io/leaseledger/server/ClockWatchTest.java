package io.leaseledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.leaseledger.groupcommit.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClockWatchTest {
    private static final Instant T0 = Instant.parse("2026-12-02T14:03:00Z");

    private final MutableClock system = new MutableClock(T0);
    private final ClockWatch watch = new ClockWatch(system);

    @Test
    void givesTheClocksTimeUnchangedAndCountsNothingWhileItRunsForward() {
        for (int second = 0; second < 5; second++) {
            assertThat(watch.instant()).isEqualTo(T0.plusSeconds(second));
            system.advance(Duration.ofSeconds(1));
        }
        assertThat(watch.stepsBack()).isZero();
    }

    @Test
    void aStepBackIsCountedOnceAndTheTimeAfterItIsGivenAsItIs() {
        watch.instant();
        system.advance(Duration.ofHours(-1));
        assertThat(watch.instant()).as("not held at the later time").isEqualTo(T0.minus(Duration.ofHours(1)));
        assertThat(watch.stepsBack()).isEqualTo(1);
        // From the new time on, forward again: no further step.
        system.advance(Duration.ofMinutes(1));
        watch.instant();
        system.advance(Duration.ofMinutes(59).plusSeconds(1));
        watch.instant();
        assertThat(watch.stepsBack()).isEqualTo(1);
    }

    @Test
    void readingsOutOfOrderByLessThanASecondAreThreadsRacingNotAStep() {
        watch.instant();
        system.advance(ClockWatch.TOLERANCE.negated());
        watch.instant();
        assertThat(watch.stepsBack()).isZero();
    }

    @Test
    void aStoreWhoseNewestEventIsLaterThanNowWasWrittenBeforeTheClockSteppedBack() {
        watch.noteNewestStored(T0.minusSeconds(30));
        watch.noteNewestStored(T0.plusMillis(500));
        assertThat(watch.stepsBack()).as("older events, and one within the tolerance").isZero();
        watch.noteNewestStored(T0.plus(Duration.ofDays(2)));
        assertThat(watch.stepsBack()).isEqualTo(1);
    }

    @Test
    void theCountIsAPrometheusCounter() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        watch.bindTo(registry);
        watch.instant();
        system.advance(Duration.ofMinutes(-5));
        watch.instant();
        assertThat(registry.get("leaseledger.clock.steps.back").functionCounter().count()).isEqualTo(1.0);
    }
}
