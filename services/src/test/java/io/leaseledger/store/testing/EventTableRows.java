package io.leaseledger.store.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/**
 * Rows written into Axon's event table by hand, for readers' tests: an event committed late at a
 * lower global index, another subnet's event between, on H2 and PostgreSQL alike.
 */
public final class EventTableRows {
    private EventTableRows() {}

    /**
     * Inserts a copy of the event at {@code sourceIndex} (a new event id) at {@code globalIndex}, as
     * event {@code sequence} of {@code aggregate} ({@code null}: the source's) stamped
     * {@code timestamp} ({@code null}: the source's), on {@code c} (committed or not as {@code c} is).
     */
    public static void insertCopy(Connection c, long sourceIndex, long globalIndex, String aggregate, long sequence,
                                  Instant timestamp) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO domainevententry (globalIndex, aggregateIdentifier, "
                + "sequenceNumber, type, eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp) "
                + "SELECT ?, COALESCE(CAST(? AS VARCHAR(255)), aggregateIdentifier), ?, type, ?, metaData, payload, "
                + "payloadRevision, payloadType, COALESCE(CAST(? AS VARCHAR(255)), timeStamp) "
                + "FROM domainevententry WHERE globalIndex = ?")) {
            s.setLong(1, globalIndex);
            s.setString(2, aggregate);
            s.setLong(3, sequence);
            s.setString(4, UUID.randomUUID().toString());
            s.setString(5, timestamp == null ? null : timestamp.toString());
            s.setLong(6, sourceIndex);
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("no event at global index " + sourceIndex + " to copy");
            }
        }
    }
}
