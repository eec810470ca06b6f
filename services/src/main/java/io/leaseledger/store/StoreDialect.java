package io.leaseledger.store;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** The two databases the event store runs on, and what differs between them. */
public enum StoreDialect {
    H2 {
        @Override
        public EventTableFactory eventTableFactory() {
            return H2EventTableFactory.INSTANCE;
        }

        @Override
        void tuneSchema(Connection connection, EventSchema schema) throws SQLException {
            // Stores created before the cache was part of the table definition get it here.
            try (Statement statement = connection.createStatement()) {
                statement.execute("ALTER TABLE " + schema.domainEventTable() + " ALTER COLUMN "
                        + schema.globalIndexColumn() + " SET CACHE " + H2EventTableFactory.GLOBAL_INDEX_CACHE);
            }
        }

        @Override
        void forceToDisk(Connection connection) throws SQLException {
            // H2 has no fsync per commit; CHECKPOINT SYNC flushes the MVStore and forces the
            // file to the device (MVStore.sync -> FileChannel.force). Run after the commit so
            // one fsync covers the whole group commit.
            try (Statement statement = connection.createStatement()) {
                statement.execute("CHECKPOINT SYNC");
            }
        }

        @Override
        void awaitDurable(Connection connection, Durability durability) throws SQLException {
            // H2 shows a transaction to other sessions as soon as it is marked committed, and only
            // then writes it to its file; if that write fails (a full disk), the database closes and
            // opens again without it. MVStore.commit takes the store's lock (waiting out a write in
            // progress) and writes whatever is visible but not yet in the file: once it returns on
            // a store that has not failed, everything a reader saw before the call is in the file.
            Optional<MVStore> store = FailedH2StoreGuard.embeddedStore(connection);
            if (store.isEmpty()) {
                return; // an H2 server's store is out of reach from here
            }
            try {
                store.get().commit();
                if (durability == Durability.FSYNC) {
                    store.get().sync();
                }
            } catch (MVStoreException e) {
                FailedH2StoreGuard.failIfFailed(store.get());
                throw new SQLException("cannot make the events read durable: " + e.getMessage(), e);
            }
            FailedH2StoreGuard.failIfFailed(store.get());
        }
    },
    POSTGRESQL {
        @Override
        public EventTableFactory eventTableFactory() {
            return PostgresEventTableFactory.INSTANCE;
        }

        @Override
        void beginForced(Connection connection) throws SQLException {
            // synchronous_commit = on: COMMIT returns once the WAL record is flushed to disk,
            // whatever the server's default is.
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL synchronous_commit = on");
            }
        }

        @Override
        Optional<String> sessionInitSql() {
            // With synchronous_commit = off a COMMIT returns before its WAL record is written, and
            // a crash of the PostgreSQL server loses it: a client would hold a lease the log never
            // had, and readers would have handed it on. Every value but off survives a server
            // crash, so only off is raised, to local (an operator's remote_write or remote_apply
            // for a synchronous standby is stronger and stays).
            return Optional.of("SELECT set_config('synchronous_commit', 'local', false)"
                    + " WHERE current_setting('synchronous_commit') = 'off'");
        }

        @Override
        Optional<String> weakenedDefault(Connection connection) throws SQLException {
            // reset_val: what the session had before the init statement (server, database, role
            // or connection options), so the operator can be told their setting is overridden.
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery(
                         "SELECT reset_val FROM pg_settings WHERE name = 'synchronous_commit'")) {
                return row.next() && "off".equals(row.getString(1))
                        ? Optional.of("synchronous_commit = off")
                        : Optional.empty();
            }
        }
    };

    public static StoreDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported JDBC URL: " + jdbcUrl);
    }

    public abstract EventTableFactory eventTableFactory();

    /** Called once at start, after the event tables exist. */
    void tuneSchema(Connection connection, EventSchema schema) throws SQLException {}

    /** A statement every connection of the store's pool runs when it opens, if any. */
    Optional<String> sessionInitSql() {
        return Optional.empty();
    }

    /**
     * The database setting {@link #sessionInitSql} overrides on this connection because it would
     * let a commit be acknowledged before it survives a crash of the database, if any.
     */
    Optional<String> weakenedDefault(Connection connection) throws SQLException {
        return Optional.empty();
    }

    /** Called at the start of a transaction when {@link Durability#FSYNC} is configured. */
    void beginForced(Connection connection) throws SQLException {}

    /** Called after a commit when {@link Durability#FSYNC} is configured. */
    void forceToDisk(Connection connection) throws SQLException {}

    /**
     * Returns once every event another session could read before the call is as durable as a
     * commit with {@code durability} makes it, or throws: a reader that hands events on (the
     * projections, the Kafka publisher) calls it between reading them and handing them on, so
     * that nothing downstream ever holds an event the store may still lose. PostgreSQL makes a
     * commit visible only once it is as durable as its {@code synchronous_commit} says, so
     * there is nothing to wait for.
     */
    void awaitDurable(Connection connection, Durability durability) throws SQLException {}
}
