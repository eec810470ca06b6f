package io.leaseledger.store;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;

/**
 * Tells the connection pool to throw away a connection whose embedded H2 database has closed
 * itself, so that the next connection opens the file again.
 *
 * <p>Why: when a write to its file fails (the disk is full, an I/O error), H2 closes the whole
 * database at once ("panic") and every session on it answers {@code 90098 The database has been
 * closed} from then on, even after the disk has room again. The pool cannot tell: H2's error is
 * not one of the SQL states it treats as a broken connection, so it kept handing out dead
 * connections and the server never committed again. A new connection reopens the file from
 * its last complete commit: nothing committed is lost, and what failed was never acknowledged.
 * {@link FailedH2StoreGuard} raises the same error before a call could reach a failed H2 store.
 * PostgreSQL never answers with H2's code (its SQL state for this number differs), so its pools
 * are left to the pool's own rules.
 */
public final class ClosedH2DatabaseEviction implements SQLExceptionOverride {
    /** H2's {@code ErrorCode.DATABASE_IS_CLOSED}. */
    static final int H2_DATABASE_IS_CLOSED = 90098;

    private volatile HikariDataSource pool;

    /**
     * Every connection of {@code pool} is renewed at the first such error, not only the one that
     * reported it: H2 opens the file again only once no session of the closed database is left,
     * and an idle connection would otherwise keep it until it was next lent.
     */
    void renews(HikariDataSource pool) {
        this.pool = pool;
    }

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_IS_CLOSED
                    && "90098".equals(sql.getSQLState())) {
                HikariDataSource renewed = pool;
                if (renewed != null && renewed.getHikariPoolMXBean() != null) {
                    // idle ones are closed now, lent ones when they come back
                    renewed.getHikariPoolMXBean().softEvictConnections();
                }
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
