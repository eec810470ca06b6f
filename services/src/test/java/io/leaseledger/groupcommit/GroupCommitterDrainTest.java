package io.leaseledger.groupcommit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An orderly stop waits for the messages already submitted, across subnets, and no longer. */
class GroupCommitterDrainTest {
    @Test
    void drainReturnsOnceEveryMessageSubmittedHasItsDecision() {
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommitter<String, Integer, Integer> committer = new GroupCommitter<>(subnet -> batch -> {
            release.await(5, TimeUnit.SECONDS);
            return batch;
        }, 4, 64, 2)) {
            List<CompletableFuture<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(committer.submit("a", i));
                futures.add(committer.submit("b", i));
            }

            assertThat(committer.drain(Duration.ofMillis(50))).as("held in the decider").isFalse();
            release.countDown();

            assertThat(committer.drain(Duration.ofSeconds(5))).isTrue();
            assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        }
    }

    @Test
    void aCommitterWhoseMessagesAreAllDecidedIsDrained() {
        try (GroupCommitter<String, Integer, Integer> committer = new GroupCommitter<>(subnet -> batch -> batch, 4, 64, 1)) {
            committer.submit("a", 1).join();

            // The worker may still be leaving the batch it completed the future in: a moment, not the whole limit.
            assertThat(committer.drain(Duration.ofSeconds(5))).isTrue();
        }
    }
}
