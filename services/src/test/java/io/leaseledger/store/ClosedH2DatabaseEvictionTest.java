package io.leaseledger.store;

import com.zaxxer.hikari.SQLExceptionOverride.Override;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class ClosedH2DatabaseEvictionTest {
    private final ClosedH2DatabaseEviction eviction = new ClosedH2DatabaseEviction();

    @Test
    void aConnectionToAnH2DatabaseThatClosedItselfIsThrownAway() {
        SQLException closed = new SQLNonTransientConnectionException("The database has been closed [90098-240]", "90098", 90098);
        assertThat(eviction.adjudicate(closed)).isEqualTo(Override.MUST_EVICT);
        assertThat(eviction.adjudicate(new SQLException("batch failed", "HY000", 50000, closed)))
                .as("H2's error as the cause of another").isEqualTo(Override.MUST_EVICT);
    }

    @Test
    void everyOtherErrorIsLeftToThePool() {
        assertThat(eviction.adjudicate(new SQLException("General error: MVStoreException: Writing failed", "HY000", 50000)))
                .isEqualTo(Override.CONTINUE_EVICT);
        assertThat(eviction.adjudicate(new SQLException("duplicate key", "23505", 0))).isEqualTo(Override.CONTINUE_EVICT);
        assertThat(eviction.adjudicate(new SQLException("another driver's 90098", "XX000", 90098)))
                .as("the code alone, with another SQL state").isEqualTo(Override.CONTINUE_EVICT);
    }
}
