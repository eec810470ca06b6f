package io.leaseledger.groupcommit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CommitHealthTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CommitHealth health = new CommitHealth(now::get);

    @Test
    void aSubnetFailsFromItsFirstFailedBatchUntilOneCommits() {
        assertThat(health.failures()).isEmpty();
        health.failed("198.18.0.0/24", new IllegalStateException("commit failed", new SQLException("No space left on device")));
        now.addAndGet(Duration.ofSeconds(3).toNanos());
        health.failed("198.18.0.0/24", new IllegalStateException("commit failed again"));
        health.committed("198.18.1.0/24"); // another subnet committing changes nothing for this one

        assertThat(health.failures()).singleElement().satisfies(f -> {
            assertThat(f.subnet()).isEqualTo("198.18.0.0/24");
            assertThat(f.failingFor()).as("since the first failure").isEqualTo(Duration.ofSeconds(3));
            assertThat(f.cause()).isEqualTo("IllegalStateException: commit failed again");
        });

        health.committed("198.18.0.0/24");
        assertThat(health.failures()).isEmpty();
    }

    @Test
    void theLongestFailingComeFirstAndACauseIsOneLineWithItsRoot() {
        health.failed("198.18.2.0/24", new IllegalStateException("commit failed", new SQLException("No space left on device\nat line 2")));
        now.addAndGet(1_000);
        health.failed("198.18.1.0/24", new RuntimeException("later"));

        assertThat(health.failures()).extracting(CommitHealth.Failure::subnet).containsExactly("198.18.2.0/24", "198.18.1.0/24");
        assertThat(health.failures().getFirst().cause())
                .isEqualTo("IllegalStateException: commit failed (caused by SQLException: No space left on device)");
    }
}
