package io.leaseledger.store;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Axon's {@link TransactionManager} for plain JDBC (Axon 4 ships one for Spring only), and
 * the {@link ConnectionProvider} that hands Axon the connection of the transaction running on
 * the current thread.
 *
 * <p>A transaction binds one pooled connection to the thread with auto-commit off; every
 * statement Axon issues on that thread (loading the aggregate, appending the events) uses it,
 * so a command's events are appended and committed together. {@link Transaction#commit()}
 * returns only after the database has committed — and, in {@link Durability#FSYNC} mode,
 * after the commit has been forced to disk — and Axon's {@code SimpleCommandBus} commits the
 * unit of work before it hands the result to the caller: a reply built from that result is
 * never ahead of the store. A transaction started while one is active on the same thread joins
 * it (the outer one commits).
 *
 * <p>Outside a transaction the provider hands out a fresh auto-commit connection that the
 * caller closes, as Axon expects from any {@code ConnectionProvider}.
 */
public final class JdbcTransactionManager implements TransactionManager, ConnectionProvider {
    private final DataSource dataSource;
    private final StoreDialect dialect;
    private final Durability durability;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private final CommitSignal commitSignal = new CommitSignal();

    public JdbcTransactionManager(DataSource dataSource, StoreDialect dialect, Durability durability) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.durability = durability;
    }

    @Override
    public Transaction startTransaction() {
        if (current.get() != null) {
            return JOINED;
        }
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            if (durability == Durability.FSYNC) {
                dialect.beginForced(connection);
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new JdbcException("cannot start a transaction", e);
        }
        current.set(connection);
        return new Bound(connection);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection bound = current.get();
        if (bound == null) {
            return dataSource.getConnection();
        }
        return nonClosing(bound);
    }

    /** Signalled after every transaction this manager committed (readers tailing the store wait on it). */
    public CommitSignal commitSignal() {
        return commitSignal;
    }

    /** True when a transaction is bound to the calling thread (tests and assertions). */
    public boolean inTransaction() {
        return current.get() != null;
    }

    private final class Bound implements Transaction {
        private final Connection connection;
        private boolean finished;

        private Bound(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void commit() {
            if (finished) {
                return;
            }
            finished = true;
            try {
                connection.commit();
                if (durability == Durability.FSYNC) {
                    dialect.forceToDisk(connection);
                }
            } catch (SQLException e) {
                rollbackQuietly(connection);
                throw new JdbcException("commit failed", e);
            } finally {
                release(connection);
            }
            commitSignal.committed();
        }

        @Override
        public void rollback() {
            if (finished) {
                return;
            }
            finished = true;
            try {
                connection.rollback();
            } catch (SQLException e) {
                throw new JdbcException("rollback failed", e);
            } finally {
                release(connection);
            }
        }
    }

    private void release(Connection connection) {
        current.remove();
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // The pool validates the connection again before lending it out.
        }
        closeQuietly(connection);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The commit failure is the error worth reporting.
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing more to do with a connection that cannot be returned to the pool.
        }
    }

    /** Axon closes every connection it obtains; the transaction's must survive until commit. */
    private static Connection nonClosing(Connection connection) {
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> null;
                    case "isClosed" -> connection.isClosed();
                    // The boundary is the transaction manager's: a statement helper that
                    // commits or flips auto-commit must not end the command's transaction early.
                    case "commit", "setAutoCommit" -> null;
                    case "rollback" -> {
                        if (args == null) {
                            throw new SQLException("rollback belongs to the transaction manager");
                        }
                        yield invoke(method, connection, args); // rollback(Savepoint)
                    }
                    default -> invoke(method, connection, args);
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Connection target, Object[] args)
            throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static final Transaction JOINED = new Transaction() {
        @Override
        public void commit() {}

        @Override
        public void rollback() {
            // The outer transaction decides; Axon rolls back the outer unit of work on failure.
        }
    };
}
