package io.leaseledger.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Statements on a connection of the store's pool that commit together or not at all. */
final class OneTransaction {
    @FunctionalInterface
    interface Work {
        void run(Connection connection) throws SQLException;
    }

    private OneTransaction() {}

    static void run(DataSource dataSource, Work work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }
}
