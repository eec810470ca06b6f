package io.leaseledger.store;

import io.leaseledger.store.testing.Databases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A reader waiting for a commit of this process wakes when one commits (not when one rolls back), or when told to stop. */
class CommitSignalTest {
    @TempDir
    Path dir;

    @Test
    void aWaitEndsWithTheNextCommitOfTheStoresTransactions() throws Exception {
        try (AxonStore store = AxonStore.start(Databases.h2(dir), List.of(io.leaseledger.subnet.Subnet.class))) {
            CommitSignal signal = store.transactionManager().commitSignal();
            long seen = signal.commits();
            CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> await(signal, seen, signal.wakeUps()));

            store.transactionManager().startTransaction().rollback();
            store.transactionManager().startTransaction().commit();

            assertThat(waited.get(60, TimeUnit.SECONDS)).isTrue();
            assertThat(signal.commits()).isEqualTo(seen + 1);
            // A commit already made after `seen` ends the wait at once.
            assertThat(signal.awaitAfter(seen, signal.wakeUps(), 1, TimeUnit.HOURS)).isTrue();
        }
    }

    @Test
    void wakeUpEndsAWaitWithoutACommit() throws Exception {
        CommitSignal signal = new CommitSignal();
        long wakeUps = signal.wakeUps();
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> await(signal, 0, wakeUps));
        signal.wakeUp();
        assertThat(waited.get(60, TimeUnit.SECONDS)).isFalse();
        // Woken before the wait began: it does not begin.
        assertThat(signal.awaitAfter(0, wakeUps, 1, TimeUnit.HOURS)).isFalse();
    }

    private static boolean await(CommitSignal signal, long seen, long wakeUps) {
        try {
            return signal.awaitAfter(seen, wakeUps, 1, TimeUnit.HOURS);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
