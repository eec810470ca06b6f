package io.leaseledger.store;

import io.leaseledger.store.testing.Databases;
import io.leaseledger.subnet.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** A stop is not held up by snapshots: they only shorten the next start's replay. */
class AxonStoreCloseTest {
    @TempDir
    Path dataDirectory;

    @Test
    void aSnapshotStillRunningIsAbandonedAfterTheGraceAndTheStoreReopens() throws Exception {
        AxonStore store = AxonStore.start(Databases.h2(dataDirectory), List.of(Subnet.class));
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        store.runAsSnapshot(() -> {
            // A long replay, as of a large subnet's log since its last snapshot: reading the event
            // table over a connection of the pool, query after query.
            try (Connection connection = store.dataSource().getConnection()) {
                running.countDown();
                while (!release.await(1, TimeUnit.MILLISECONDS)) {
                    try (Statement statement = connection.createStatement();
                         ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + store.eventSchema().domainEventTable())) {
                        rows.next();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                // the pool may close its connection under it: the snapshot is abandoned either way
            } catch (InterruptedException e) {
                interrupted.set(true);
            } finally {
                finished.countDown();
            }
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        store.close();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isGreaterThanOrEqualTo(AxonStore.RUNNING_SNAPSHOT_GRACE.minusMillis(50))
                .isLessThan(AxonStore.RUNNING_SNAPSHOT_GRACE.plusSeconds(5));
        assertThat(interrupted).as("the snapshot's thread is never interrupted (H2 file I/O)").isFalse();
        // Its session stays open until it ends (in a stopping server: until the process exits,
        // which H2 recovers from at the next start as from a kill; every event was committed).
        release.countDown();
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
        try (AxonStore reopened = AxonStore.start(Databases.h2(dataDirectory), List.of(Subnet.class))) {
            assertThat(reopened.eventSchema()).isNotNull();
        }
    }

    @Test
    void aSnapshotQueuedBehindARunningOneNeverStarts() throws Exception {
        AxonStore store = AxonStore.start(Databases.h2(dataDirectory), List.of(Subnet.class));
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(1);
        store.runAsSnapshot(() -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        store.runAsSnapshot(() -> secondRan.set(true));   // one snapshot thread: it waits its turn
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopping = Thread.ofPlatform().start(store::close);
        Thread.sleep(500);      // the close has begun and waits for the running snapshot
        release.countDown();    // which ends within the grace: the queued one's turn comes
        stopping.join(TimeUnit.SECONDS.toMillis(10));

        assertThat(stopping.isAlive()).isFalse();
        assertThat(secondRan).isFalse();
    }
}
