package io.leaseledger.store;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The commit thread's insert writes the rows Axon's own statement writes, byte for byte. */
class AppendEventRowsTest {
    private static final EventSchema SCHEMA = new EventSchema();
    private static final Serializer SERIALIZER = StoreSerializers.events();
    private static final Instant T = Instant.parse("2026-11-30T10:33:01.123456789Z");

    @Test
    void theRowsAreAxonsRows() throws Exception {
        List<DomainEventMessage<?>> events = List.of(
                event(0, "offered", MetaData.emptyInstance(), T),
                event(1, "granted", MetaData.emptyInstance(), T.plusNanos(300_000)),
                event(2, "renewed", MetaData.with("traceId", "abc"), T.plusMillis(1)),
                event(3, "released", MetaData.emptyInstance(), T.plusSeconds(3_600)));

        assertThat(rowsWrittenBy(false, events)).isEqualTo(rowsWrittenBy(true, events)).hasSize(4);
    }

    @Test
    void eventsWithinOneMillisecondShareTheirTimestampTextAndItIsAxons() {
        AppendEventRows rows = new AppendEventRows();
        for (Instant i : new Instant[] {T, T.plusNanos(400_000), T.plusMillis(1), T, Instant.EPOCH,
                Instant.parse("2026-11-30T23:59:59.999999999Z")}) {
            assertThat(rows.format(i)).isEqualTo(DateTimeUtils.formatInstant(i));
        }
        assertThat(rows.format(T.plusNanos(1))).isSameAs(rows.format(T));
    }

    private static DomainEventMessage<?> event(long sequence, String payload, MetaData metaData, Instant at) {
        return new GenericDomainEventMessage<>("Subnet", "198.18.0.0/24", sequence,
                new GenericEventMessage<>(payload, metaData), () -> at);
    }

    private static List<List<Object>> rowsWrittenBy(boolean ours, List<DomainEventMessage<?>> events) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:", "sa", "")) {
            H2EventTableFactory.INSTANCE.createDomainEventTable(connection, SCHEMA).execute();
            try (PreparedStatement insert = ours
                    ? new AppendEventRows().build(connection, SCHEMA, byte[].class, events, SERIALIZER, null)
                    : JdbcEventStorageEngineStatements.appendEvents(connection, SCHEMA, byte[].class, events, SERIALIZER,
                            (statement, position, timestamp) -> statement.setString(position, DateTimeUtils.formatInstant(timestamp)))) {
                insert.executeBatch();
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet r = connection.createStatement().executeQuery("SELECT " + SCHEMA.domainEventFields()
                    + " FROM " + SCHEMA.domainEventTable() + " ORDER BY " + SCHEMA.globalIndexColumn())) {
                while (r.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= 9; c++) {
                        Object value = r.getObject(c);
                        row.add(value instanceof byte[] bytes ? Arrays.toString(bytes) : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
