package io.leaseledger.store;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailedH2StoreGuardTest {
    @TempDir
    Path dir;

    @Test
    void guardsH2InThisProcessOnly() {
        assertThat(FailedH2StoreGuard.guards("jdbc:h2:file:/var/lib/leaseledger/events;WRITE_DELAY=0")).isTrue();
        assertThat(FailedH2StoreGuard.guards("jdbc:h2:mem:scratch")).isTrue();
        assertThat(FailedH2StoreGuard.guards("jdbc:h2:tcp://db/events")).isFalse();
        assertThat(FailedH2StoreGuard.guards("jdbc:postgresql://127.0.0.1:5432/leaseledger")).isFalse();
    }

    @Test
    void aConnectionWorksAsH2sOwnWhileItsStoreIsWell() throws SQLException {
        try (Connection connection = FailedH2StoreGuard.guard(open())) {
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
                s.execute("INSERT INTO t VALUES (1)");
            }
            assertThat(connection.isValid(1)).isTrue();
        }
    }

    @Test
    void onceItsStoreHasFailedAWriteEveryCallIsRefusedWithH2sClosedErrorAndCloseStillWorks() throws SQLException {
        Connection raw = open();
        Connection connection = FailedH2StoreGuard.guard(raw);
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        }
        // What H2 does when a chunk cannot be written (MVStore.storeNow on an IOException): the store keeps the failure.
        MVStore store = ((SessionLocal) raw.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
        try {
            store.panic(DataUtils.newMVStoreException(DataUtils.ERROR_WRITING_FAILED, "Writing to {0} failed", "the test"));
        } catch (RuntimeException thrown) {
            // panic rethrows what it records
        }

        assertThatThrownBy(() -> connection.setAutoCommit(true)).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(ClosedH2DatabaseEviction.H2_DATABASE_IS_CLOSED);
            assertThat(e.getSQLState()).isEqualTo("90098");
        });
        assertThatThrownBy(connection::createStatement).isInstanceOf(SQLException.class);
        assertThat(connection.isValid(1)).as("what the pool asks before lending it").isFalse();
        assertThat(new ClosedH2DatabaseEviction().adjudicate(catchSql(connection)))
                .as("the pool throws it away").isEqualTo(com.zaxxer.hikari.SQLExceptionOverride.Override.MUST_EVICT);
        connection.close();
        assertThat(connection.isClosed()).isTrue();
        assertThat(raw.isClosed()).isTrue();
        try (Connection reopened = FailedH2StoreGuard.guard(open()); Statement s = reopened.createStatement()) {
            // its last session gone, H2 forgot the failed database: a new connection opened the file again
            s.execute("INSERT INTO t VALUES (2)");
        }
    }

    private static SQLException catchSql(Connection connection) {
        try {
            connection.commit();
            throw new AssertionError("commit on a failed store passed");
        } catch (SQLException e) {
            return e;
        }
    }

    private Connection open() throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0", "sa", "");
    }
}
