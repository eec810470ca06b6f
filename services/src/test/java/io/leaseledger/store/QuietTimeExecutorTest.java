package io.leaseledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QuietTimeExecutorTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final CommandActivity activity = new CommandActivity(now::get);
    private final QuietTimeExecutor executor = new QuietTimeExecutor(Runnable::run, activity,
            Duration.ofSeconds(1), Duration.ofMinutes(10), now::get);

    private void commandHandledNow() throws Exception {
        activity.handle(null, () -> null);
    }

    @Test
    void aSnapshotRunsAtOnceWhenNoCommandHasRun() {
        assertThat(executor.mayRun(now.get())).isTrue();
    }

    @Test
    void aSnapshotWaitsWhilePacketsAreBeingDecided() throws Exception {
        long queued = now.get();
        commandHandledNow();
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(executor.mayRun(queued)).isFalse();
        now.addAndGet(Duration.ofMillis(600).toNanos());
        assertThat(executor.mayRun(queued)).isTrue();
    }

    @Test
    void underEndlessLoadASnapshotStillRunsAfterTheMaximumDelay() throws Exception {
        long queued = now.get();
        for (int minute = 0; minute < 10; minute++) {
            now.addAndGet(Duration.ofMinutes(1).toNanos());
            commandHandledNow();
            assertThat(executor.mayRun(queued)).isEqualTo(minute == 9);
        }
    }

    @Test
    void aSnapshotNotYetStartedWhenTheStoreClosesNeverRuns() throws Exception {
        java.util.List<Runnable> handedOver = new java.util.ArrayList<>();
        QuietTimeExecutor queued = new QuietTimeExecutor(handedOver::add, activity,
                Duration.ofSeconds(1), Duration.ofMinutes(10), now::get);
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        queued.execute(() -> ran.set(true));

        queued.close();
        handedOver.getFirst().run();   // the pool's thread gets to it after the close

        assertThat(ran).isFalse();
    }

    @Test
    void aSnapshotHandedOverBeforeTheCloseRuns() {
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();

        executor.execute(() -> ran.set(true));

        assertThat(ran).isTrue();
    }
}
