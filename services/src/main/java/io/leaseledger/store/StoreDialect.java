package io.leaseledger.store;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventTableFactory;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

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

    /** Called at the start of a transaction when {@link Durability#FSYNC} is configured. */
    void beginForced(Connection connection) throws SQLException {}

    /** Called after a commit when {@link Durability#FSYNC} is configured. */
    void forceToDisk(Connection connection) throws SQLException {}
}
