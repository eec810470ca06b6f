package io.leaseledger.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Connections to an embedded H2 database that refuse every call once H2's store has failed a
 * write (a full disk, an I/O error), instead of passing it on to H2.
 *
 * <p>Why: when a write to its file fails, H2 2.4 marks its store as failed ("panic") and may
 * close it; a statement run after that on any session of that database can spin forever inside
 * H2 ({@code MVStore.registerVersionUsage} waits for a version counter that never comes back),
 * a thread at 100 % of a core that never returns. Measured with the disk under a serving node
 * filled up: the event loop spun in the rollback of the failed batch and never read another
 * packet, and the projections' thread spun beside it (DiskFullIT). So each call first checks the
 * store the connection belongs to, and fails with H2's own "database closed" error
 * ({@value ClosedH2DatabaseEviction#H2_DATABASE_IS_CLOSED}), which the pool answers by throwing
 * the connection away ({@link ClosedH2DatabaseEviction}). Once every session of the failed
 * database is gone, H2 forgets it, and the pool's next connection opens the file again from its
 * last complete commit. {@code close} still closes: on a failed store the H2 session is closed
 * first, which ends its transaction without the {@code ROLLBACK} statement H2's own close runs.
 */
public final class FailedH2StoreGuard {
    /** Calls that never reach a statement inside H2, passed on whatever the store's state. */
    private static final Set<String> ALWAYS_PASSED = Set.of("isClosed", "unwrap", "isWrapperFor", "toString", "hashCode",
            "equals");
    /** Calls that end the connection: H2 would first roll back an open transaction with a statement. */
    private static final Set<String> ENDING = Set.of("close", "abort");

    private FailedH2StoreGuard() {}

    /** Whether {@code jdbcUrl} names a database this guard applies to: H2 in this process (a file or memory). */
    public static boolean guards(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:tcp:") && !jdbcUrl.startsWith("jdbc:h2:ssl:");
    }

    /**
     * The pool {@code config} describes, for {@code jdbcUrl} with {@code user} and {@code password}:
     * its connections through the guard where it applies ({@link #guards}), and every pool
     * renewed by {@link ClosedH2DatabaseEviction} when one of them reports H2's closed database.
     */
    public static HikariDataSource pool(HikariConfig config, String jdbcUrl, String user, String password) {
        if (guards(jdbcUrl)) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(jdbcUrl);
            h2.setUser(user);
            h2.setPassword(password);
            config.setDataSource(new GuardedDataSource(h2));
        } else {
            config.setJdbcUrl(jdbcUrl);
            config.setUsername(user);
            config.setPassword(password);
        }
        ClosedH2DatabaseEviction eviction = new ClosedH2DatabaseEviction();
        config.setExceptionOverride(eviction);
        HikariDataSource pool = new HikariDataSource(config);
        eviction.renews(pool);
        return pool;
    }

    /** {@code connection}, refusing every call but {@link #ALWAYS_PASSED} once its H2 store has failed. */
    static Connection guard(Connection connection) throws SQLException {
        Optional<SessionLocal> session = embeddedSession(connection);
        if (session.isEmpty()) {
            return connection; // not H2 in this process: nothing to guard
        }
        MVStore store = session.get().getDatabase().getStore().getMvStore();
        failIfFailed(store);
        return (Connection) Proxy.newProxyInstance(FailedH2StoreGuard.class.getClassLoader(),
                new Class<?>[]{Connection.class}, new Guard(connection, session.get(), store));
    }

    /** The MVStore of the embedded H2 database {@code connection} (pooled, guarded or not) belongs to; empty for any other. */
    static Optional<MVStore> embeddedStore(Connection connection) throws SQLException {
        return embeddedSession(connection).map(session -> session.getDatabase().getStore().getMvStore());
    }

    private static Optional<SessionLocal> embeddedSession(Connection connection) throws SQLException {
        if (connection.isWrapperFor(JdbcConnection.class)
                && connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session
                && session.getDatabase().getStore() != null) {
            return Optional.of(session);
        }
        return Optional.empty();
    }

    private static boolean failed(MVStore store) {
        return store.getPanicException() != null || store.isClosed();
    }

    static void failIfFailed(MVStore store) throws SQLException {
        if (failed(store)) {
            throw new SQLNonTransientConnectionException("The H2 database has been closed after a failed write ("
                    + (store.getPanicException() == null ? "store closed" : store.getPanicException().getMessage())
                    + "); a new connection opens its file again", "90098",
                    ClosedH2DatabaseEviction.H2_DATABASE_IS_CLOSED, store.getPanicException());
        }
    }

    private record Guard(Connection target, SessionLocal session, MVStore store) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (ENDING.contains(name)) {
                if (failed(store)) {
                    // The session first, which ends its transaction without a statement; H2's close then has none to roll back.
                    try {
                        session.close();
                    } catch (RuntimeException failedStore) {
                        // H2 reports the store's failure again; the session is closed all the same
                    }
                }
            } else if (!ALWAYS_PASSED.contains(name)) {
                if (name.equals("isValid") && failed(store)) {
                    return false;
                }
                failIfFailed(store);
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private record GuardedDataSource(JdbcDataSource h2) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return guarded(h2.getConnection());
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return guarded(h2.getConnection(username, password));
        }

        private static Connection guarded(Connection connection) throws SQLException {
            try {
                return guard(connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }

        @Override
        public PrintWriter getLogWriter() {
            return h2.getLogWriter();
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            h2.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(int seconds) {
            h2.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return h2.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return h2.getParentLogger();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            return h2.unwrap(type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            return h2.isWrapperFor(type);
        }
    }
}
