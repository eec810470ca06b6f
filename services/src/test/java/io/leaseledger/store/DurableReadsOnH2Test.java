package io.leaseledger.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leaseledger.store.testing.StallingFilePath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * {@link StoreDialect#awaitDurable} on H2: a reader sees a commit before H2 has written it, and
 * if that write fails the database opens again without it. The barrier is what keeps such a
 * row from being handed on: it returns only once what was visible is in the file, and throws
 * when the write fails. (Found by DiskFullIT: the projections had applied events a full disk
 * then took back, and passed over the events that later took their sequence numbers.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DurableReadsOnH2Test {
    @TempDir
    Path dir;

    @AfterEach
    void writesGoThroughAgain() {
        StallingFilePath.disarm();
    }

    @Test
    void aRowVisibleBeforeItsFailedWriteIsRefusedByTheBarrierAndIsGoneWhenTheDatabaseOpensAgain() throws Exception {
        String url = "jdbc:h2:" + StallingFilePath.register() + dir.resolve("db") + ";WRITE_DELAY=0";
        // Threads of its own: the common pool may have one, and the barrier must not queue behind the writer.
        try (HikariDataSource pool = pool(url); ExecutorService threads = Executors.newFixedThreadPool(2)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE event (id INT PRIMARY KEY)");
                s.execute("INSERT INTO event VALUES (1)");
            }
            StallingFilePath.Stall stall = StallingFilePath.arm();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    c.setAutoCommit(false);
                    s.execute("INSERT INTO event VALUES (2)");
                    c.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            assertThat(stall.awaitStalledWrite(30)).as("the commit's write reached the file").isTrue();

            try (Connection reader = pool.getConnection()) {
                assertThat(rows(reader)).as("what a reader sees while the commit's write is under way").isEqualTo(2);
                CompletableFuture<Void> barrier = CompletableFuture.runAsync(() -> {
                    try {
                        StoreDialect.H2.awaitDurable(reader, Durability.COMMIT);
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, threads);
                Thread.sleep(200);
                assertThat(barrier).as("the barrier waits for the write under way").isNotDone();
                stall.release();
                assertThat(failure(barrier)).as("the barrier, the write having failed").isNotNull()
                        .hasCauseInstanceOf(SQLException.class);
                assertThat(failure(writer)).as("the writer's commit").isNotNull();
            }
        }
        StallingFilePath.disarm();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            assertThat(rows(c)).as("rows once the database is opened again: the one the reader saw is not there").isEqualTo(1);
        }
    }

    @Test
    void theBarrierReturnsWhenWhatWasReadIsWrittenInBothDurabilities() throws Exception {
        String url = "jdbc:h2:" + StallingFilePath.register() + dir.resolve("db") + ";WRITE_DELAY=0";
        try (HikariDataSource pool = pool(url); Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE event (id INT PRIMARY KEY)");
            s.execute("INSERT INTO event VALUES (1)");
            assertThatCode(() -> StoreDialect.H2.awaitDurable(c, Durability.COMMIT)).doesNotThrowAnyException();
            assertThatCode(() -> StoreDialect.H2.awaitDurable(c, Durability.FSYNC)).doesNotThrowAnyException();
            assertThatCode(() -> StoreDialect.POSTGRESQL.awaitDurable(c, Durability.COMMIT))
                    .as("PostgreSQL shows only what is durable: nothing to wait for").doesNotThrowAnyException();
        }
    }

    private static HikariDataSource pool(String url) {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(4);
        return FailedH2StoreGuard.pool(config, url, "sa", "");
    }

    private static int rows(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var r = s.executeQuery("SELECT COUNT(*) FROM event")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static Throwable failure(CompletableFuture<Void> future) throws InterruptedException {
        try {
            future.get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("still running after 30 s", e);
        }
    }
}
