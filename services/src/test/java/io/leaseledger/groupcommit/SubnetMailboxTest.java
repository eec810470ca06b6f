package io.leaseledger.groupcommit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.leaseledger.store.StoreSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mailbox's own rules, with deciders that need no database. */
class SubnetMailboxTest {
    private final ExecutorService workers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    @Test
    void messagesArrivingDuringACommitRideTogetherInTheNextBatch() throws Exception {
        CountDownLatch firstBatchEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstBatch = new CountDownLatch(1);
        List<List<String>> batches = new ArrayList<>();
        SubnetMailbox<String, String> mailbox = new SubnetMailbox<>("s1", batch -> {
            synchronized (batches) {
                batches.add(batch);
            }
            firstBatchEntered.countDown();
            releaseFirstBatch.await(5, TimeUnit.SECONDS);
            return batch.stream().map(m -> m + "!").toList();
        }, workers, 512, 1024, new MailboxStats());

        CompletableFuture<String> first = mailbox.submit("a");
        assertThat(firstBatchEntered.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<String>> later = List.of(mailbox.submit("b"), mailbox.submit("c"), mailbox.submit("d"));
        releaseFirstBatch.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("a!");
        assertThat(later.stream().map(CompletableFuture::join)).containsExactly("b!", "c!", "d!");
        assertThat(batches).containsExactly(List.of("a"), List.of("b", "c", "d"));
    }

    @Test
    void aBatchIsCappedAtTheBatchLimit() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> sizes = new ArrayList<>();
        SubnetMailbox<Integer, Integer> mailbox = new SubnetMailbox<>("s1", batch -> {
            release.await(5, TimeUnit.SECONDS);
            synchronized (sizes) {
                sizes.add(batch.size());
            }
            return batch;
        }, workers, 4, 64, new MailboxStats());

        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            futures.add(mailbox.submit(i));
        }
        release.countDown();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        assertThat(sizes).allMatch(size -> size <= 4);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
        assertThat(futures.stream().map(CompletableFuture::join)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void aFullMailboxDropsAndCountsInsteadOfGrowing() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MailboxStats stats = new MailboxStats();
        SubnetMailbox<Integer, Integer> mailbox = new SubnetMailbox<>("s1", batch -> {
            entered.countDown();
            release.await(5, TimeUnit.SECONDS);
            return batch;
        }, workers, 2, 4, stats);

        CompletableFuture<Integer> inFlight = mailbox.submit(0);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            queued.add(mailbox.submit(i));
        }
        CompletableFuture<Integer> dropped = mailbox.submit(5);

        assertThatThrownBy(dropped::join).hasCauseInstanceOf(MailboxFullException.class);
        assertThat(stats.snapshot().dropped()).isEqualTo(1);
        release.countDown();
        assertThat(inFlight.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(queued.stream().map(CompletableFuture::join)).containsExactly(1, 2, 3, 4);
        assertThat(mailbox.waiting()).isZero();
    }

    @Test
    void whileTheOldestPacketHasWaitedHalfTheMaxWaitNewWorkIsShedAndTheRestStillQueued() throws Exception {
        long[] now = {0};
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MailboxStats stats = new MailboxStats();
        // Negative numbers start new work (DISCOVERs), the others finish it (REQUESTs).
        SubnetMailbox<Integer, Integer> mailbox = new SubnetMailbox<>("s1", new BatchDecider<>() {
            @Override
            public List<Integer> decide(List<Integer> batch) throws Exception {
                entered.countDown();
                release.await(5, TimeUnit.SECONDS);
                return batch;
            }

            @Override
            public boolean startsNewWork(Integer message) {
                return message < 0;
            }
        }, workers, 512, 1024, stats, Duration.ZERO, Duration.ofSeconds(1), null, () -> now[0]);

        CompletableFuture<Integer> inFlight = mailbox.submit(0);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> oldest = mailbox.submit(1);
        now[0] += Duration.ofMillis(400).toNanos();
        CompletableFuture<Integer> newWhileYoung = mailbox.submit(-1);   // 400 ms: a stall, not overload
        now[0] += Duration.ofMillis(200).toNanos();
        CompletableFuture<Integer> shed = mailbox.submit(-2);            // 600 ms: over half the max wait
        CompletableFuture<Integer> finishing = mailbox.submit(2);

        assertThatThrownBy(shed::join).hasCauseInstanceOf(NewWorkShedException.class)
                .hasMessageContaining("has waited 600 ms, more than the 500 ms");
        assertThat(stats.snapshot().shed()).isEqualTo(1);
        release.countDown();
        assertThat(inFlight.get(5, TimeUnit.SECONDS)).isZero();
        assertThat(List.of(oldest.get(5, TimeUnit.SECONDS), newWhileYoung.get(5, TimeUnit.SECONDS),
                finishing.get(5, TimeUnit.SECONDS))).containsExactly(1, -1, 2);
        // Caught up: new work is welcome again.
        assertThat(mailbox.submit(-3).get(5, TimeUnit.SECONDS)).isEqualTo(-3);
    }

    @Test
    void aFailedBatchFailsItsMessagesAndTheNextBatchIsServed() throws Exception {
        MailboxStats stats = new MailboxStats();
        SubnetMailbox<String, String> mailbox = new SubnetMailbox<>("s1", batch -> {
            if (batch.contains("boom")) {
                throw new IllegalStateException("database unavailable");
            }
            return batch;
        }, workers, 512, 1024, stats);

        CompletableFuture<String> failed = mailbox.submit("boom");
        assertThatThrownBy(failed::join).hasRootCauseMessage("database unavailable");
        assertThat(mailbox.submit("fine").get(5, TimeUnit.SECONDS)).isEqualTo("fine");
        assertThat(stats.snapshot().failedBatches()).isEqualTo(1);
        assertThat(stats.snapshot().commits()).isEqualTo(1);
    }

    @Test
    void aDeciderThatLosesDecisionsFailsTheBatch() {
        SubnetMailbox<String, String> mailbox =
                new SubnetMailbox<>("s1", batch -> List.of(), workers, 512, 1024, new MailboxStats());

        assertThatThrownBy(() -> mailbox.submit("a").join()).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMessageThatNeedsAnotherCommandStartsABatchOfItsOwn() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<List<String>> batches = new ArrayList<>();
        SubnetMailbox<String, String> mailbox = new SubnetMailbox<>("s1", new BatchDecider<>() {
            @Override
            public List<String> decide(List<String> batch) throws Exception {
                synchronized (batches) {
                    batches.add(batch);
                }
                entered.countDown();
                release.await(5, TimeUnit.SECONDS);
                return batch;
            }

            @Override
            public boolean joins(String first, String next) {
                return !first.equals("reclaim") && !next.equals("reclaim");
            }
        }, workers, 512, 1024, new MailboxStats());

        mailbox.submit("a");
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<String>> later = List.of(mailbox.submit("b"), mailbox.submit("c"),
                mailbox.submit("reclaim"), mailbox.submit("d"));
        release.countDown();
        CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        assertThat(batches).containsExactly(List.of("a"), List.of("b", "c"), List.of("reclaim"), List.of("d"));
    }

    @Test
    void aSubnetWhoseBatchFailedIsReportedFailingUntilItsNextBatchCommits() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean refuse = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (GroupCommitter<String, String, String> committer = new GroupCommitter<>(subnet -> batch -> {
            if (subnet.equals("broken") && refuse.get()) {
                throw new IllegalStateException("commit failed");
            }
            return batch;
        }, 512, 1024, 2)) {
            assertThat(committer.submit("fine", "a").get(5, TimeUnit.SECONDS)).isEqualTo("a");
            CompletableFuture<String> refused = committer.submit("broken", "b");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS))
                    .hasRootCauseMessage("commit failed");
            assertThat(committer.health().failures()).extracting(CommitHealth.Failure::subnet).containsExactly("broken");

            refuse.set(false);
            assertThat(committer.submit("broken", "c").get(5, TimeUnit.SECONDS)).isEqualTo("c");
            assertThat(committer.health().failures()).isEmpty();
        }
    }

    @Test
    void subnetsCommitIndependently() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommitter<String, String, String> committer = new GroupCommitter<>(subnet -> batch -> {
            if (subnet.equals("slow")) {
                release.await(5, TimeUnit.SECONDS);
            }
            return batch;
        }, 512, 1024, 2)) {
            CompletableFuture<String> slow = committer.submit("slow", "x");
            // The fast subnet completes while the slow one's commit is still in flight.
            assertThat(committer.submit("fast", "y").get(5, TimeUnit.SECONDS)).isEqualTo("y");
            assertThat(slow).isNotDone();
            release.countDown();
            assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo("x");
        }
    }

    @Test
    void anIdleSubnetsFirstPacketIsCommittedAtOnce() throws Exception {
        RecordingScheduler delays = new RecordingScheduler();
        SubnetMailbox<String, String> mailbox = delayed(batch -> batch, delays, () -> 0L);

        assertThat(mailbox.submit("a").get(5, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(delays.delays).isEmpty();
        delays.shutdownNow();
    }

    @Test
    void onABusySubnetAFewPacketsWaitForCompanionsUpToTheCommitDelay() throws Exception {
        RecordingScheduler delays = new RecordingScheduler();
        List<List<String>> batches = new ArrayList<>();
        SubnetMailbox<String, String> mailbox = delayed(batch -> {
            synchronized (batches) {
                batches.add(batch);
            }
            return batch;
        }, delays, () -> 0L); // the clock stands still: the subnet committed "just now"

        mailbox.submit("a").get(5, TimeUnit.SECONDS);
        CompletableFuture<String> b = mailbox.submit("b");
        List<CompletableFuture<String>> companions = List.of(mailbox.submit("c"), mailbox.submit("d"));
        // The worker of "a" may still be finishing: the delayed start is recorded when it does.
        assertThat(delays.scheduledOnce.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(delays.delays).containsExactly(Duration.ofMillis(2).toNanos());
        assertThat(b).isNotDone();

        delays.runDue();
        assertThat(b.get(5, TimeUnit.SECONDS)).isEqualTo("b");
        assertThat(companions.stream().map(CompletableFuture::join)).containsExactly("c", "d");
        assertThat(batches).containsExactly(List.of("a"), List.of("b", "c", "d"));
        delays.shutdownNow();
    }

    @Test
    void aSubnetQuietForLongerThanTheBusyWindowCommitsAtOnceAgain() throws Exception {
        RecordingScheduler delays = new RecordingScheduler();
        long[] now = {0};
        SubnetMailbox<String, String> mailbox = delayed(batch -> batch, delays, () -> now[0]);

        mailbox.submit("a").get(5, TimeUnit.SECONDS);
        now[0] += SubnetMailbox.BUSY_WINDOW_NANOS;
        assertThat(mailbox.submit("b").get(5, TimeUnit.SECONDS)).isEqualTo("b");
        assertThat(delays.delays).isEmpty();
        delays.shutdownNow();
    }

    @Test
    void aBatchWithEnoughCompanionsAlreadyWaitingDoesNotWait() throws Exception {
        RecordingScheduler delays = new RecordingScheduler();
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<Integer> sizes = new ArrayList<>();
        SubnetMailbox<Integer, Integer> mailbox = delayed(batch -> {
            synchronized (sizes) {
                sizes.add(batch.size());
            }
            firstEntered.countDown();
            releaseFirst.await(5, TimeUnit.SECONDS);
            return batch;
        }, delays, () -> 0L);

        CompletableFuture<Integer> first = mailbox.submit(0);
        assertThat(firstEntered.await(5, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Integer>> waiting = new ArrayList<>();
        for (int i = 1; i <= SubnetMailbox.COMPANIONS; i++) {
            waiting.add(mailbox.submit(i));
        }
        releaseFirst.countDown();
        first.get(5, TimeUnit.SECONDS);
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

        assertThat(delays.delays).isEmpty();
        assertThat(sizes).containsExactly(1, SubnetMailbox.COMPANIONS);
    }

    @Test
    void aCommitDelayOutsideItsBoundsIsRefusedByName() {
        assertThatThrownBy(() -> new StoreSettings.Mailbox(512, 1024, 2, Duration.ofSeconds(5), 256, Duration.ofMillis(101),
                Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store.mailbox.commit-delay");
        assertThatThrownBy(() -> new StoreSettings.Mailbox(512, 1024, 2, Duration.ofSeconds(5), 256, Duration.ofMillis(-1),
                Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store.mailbox.commit-delay");
    }

    @Test
    void packetsThatWaitedLongerThanTheMaxWaitAreDroppedUndecidedAndCounted() throws Exception {
        long[] now = {0};
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<List<String>> batches = new ArrayList<>();
        MailboxStats stats = new MailboxStats();
        SubnetMailbox<String, String> mailbox = new SubnetMailbox<>("s1", batch -> {
            synchronized (batches) {
                batches.add(batch);
            }
            firstEntered.countDown();
            releaseFirst.await(5, TimeUnit.SECONDS);
            return batch;
        }, workers, 512, 1024, stats, Duration.ZERO, Duration.ofSeconds(1), null, () -> now[0]);

        CompletableFuture<String> first = mailbox.submit("a");
        assertThat(firstEntered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> old = mailbox.submit("old");
        now[0] += Duration.ofMillis(1_500).toNanos();
        CompletableFuture<String> fresh = mailbox.submit("fresh");
        releaseFirst.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(fresh.get(5, TimeUnit.SECONDS)).isEqualTo("fresh");
        assertThatThrownBy(old::join).hasCauseInstanceOf(StaleMessageException.class)
                .hasMessageContaining("waited 1500 ms");
        assertThat(batches).containsExactly(List.of("a"), List.of("fresh"));
        assertThat(stats.snapshot().stale()).isEqualTo(1);
        assertThat(mailbox.waiting()).isZero();
    }

    @Test
    void theObserverIsToldOfEachCommittedBatchItsSizeTheOldestWaitAndTheCommitTime() throws Exception {
        long[] now = {0};
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<long[]> observed = new CopyOnWriteArrayList<>();
        SubnetMailbox<String, String> mailbox = new SubnetMailbox<>("198.18.0.0/24", batch -> {
            if (batch.contains("fails")) {
                throw new IllegalStateException("no commit");
            }
            if (batch.contains("a")) {
                firstEntered.countDown();
                releaseFirst.await(5, TimeUnit.SECONDS);
                now[0] += 3_000_000;   // the first commit takes 3 ms
            } else {
                now[0] += 1_000_000;
            }
            return batch;
        }, workers, 512, 1024, new MailboxStats(), Duration.ZERO, Duration.ZERO, null, () -> now[0],
                (subnet, messages, waited, took) -> {
                    assertThat(subnet).isEqualTo("198.18.0.0/24");
                    observed.add(new long[] {messages, waited, took});
                });

        CompletableFuture<String> first = mailbox.submit("a");
        assertThat(firstEntered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> b = mailbox.submit("b");      // queued at 0 ms
        now[0] += 2_000_000;
        CompletableFuture<String> c = mailbox.submit("c");      // queued at 2 ms
        releaseFirst.countDown();
        assertThat(List.of(first, b, c).stream().map(CompletableFuture::join)).containsExactly("a", "b", "c");
        assertThatThrownBy(() -> mailbox.submit("fails").join()).hasCauseInstanceOf(IllegalStateException.class);

        // The batch of b and c started when the first committed (at 5 ms): b, the oldest, had waited 5 ms.
        // A failed batch committed nothing and is not observed.
        assertThat(observed).extracting(o -> o[0]).containsExactly(1L, 2L);
        assertThat(observed.get(0)).containsExactly(1, 0, 5_000_000);
        assertThat(observed.get(1)).containsExactly(2, 5_000_000, 1_000_000);
    }

    @Test
    void anObserverThatThrowsDoesNotUndoACommittedBatch() {
        SubnetMailbox<String, String> mailbox = new SubnetMailbox<>("s1", batch -> batch, workers, 512, 1024,
                new MailboxStats(), Duration.ZERO, Duration.ZERO, null, System::nanoTime,
                (subnet, messages, waited, took) -> {
                    throw new IllegalStateException("metrics broke");
                });

        assertThat(mailbox.submit("a").join()).isEqualTo("a");
        assertThat(mailbox.submit("b").join()).isEqualTo("b");
    }

    private <M> SubnetMailbox<M, M> delayed(BatchDecider<M, M> decider, RecordingScheduler delays, LongSupplier clock) {
        return new SubnetMailbox<>("s1", decider, workers, 512, 1024, new MailboxStats(), Duration.ofMillis(2),
                Duration.ZERO, delays, clock);
    }

    /** Records each delayed start and holds it until the test runs it: no test waits on a timer. */
    private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
        final List<Long> delays = new CopyOnWriteArrayList<>();
        final CountDownLatch scheduledOnce = new CountDownLatch(1);
        private final List<Runnable> due = new CopyOnWriteArrayList<>();

        RecordingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            delays.add(unit.toNanos(delay));
            due.add(command);
            scheduledOnce.countDown();
            return super.schedule(() -> { }, 0, TimeUnit.NANOSECONDS);
        }

        void runDue() {
            due.forEach(Runnable::run);
            due.clear();
        }
    }
}
