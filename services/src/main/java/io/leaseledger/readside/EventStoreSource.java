package io.leaseledger.readside;

import io.leaseledger.projections.SourcePosition;
import io.leaseledger.projections.StoredEvent;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.DurableReads;
import io.leaseledger.store.IsoInstants;
import io.leaseledger.store.StoreSerializers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.Iterator;
import java.util.List;
import java.util.SortedSet;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The local Axon event store as a projection source: reads the events after a position, in
 * global order, and hands them on in batches with the position after each batch.
 */
public final class EventStoreSource {
    /** The source name kept in {@code projection_position.source}. */
    public static final String NAME = "event-store";

    private final AxonStore store;

    public EventStoreSource(AxonStore store) {
        this.store = store;
    }

    /**
     * Reads every event after {@code from} (empty: from the first) up to the log's end as of the
     * call, and passes them to {@code batches} in batches of at most {@code batchSize}, each with
     * the position after its last event, once it is durable ({@link AxonStore#awaitDurable()}).
     * Returns the events read.
     */
    public long readAfter(Optional<SourcePosition> from, int batchSize, BiConsumer<List<StoredEvent>, SourcePosition> batches) {
        TrackingToken token = from.filter(p -> p.source().equals(NAME)).map(p -> TrackingTokens.decode(p.token())).orElse(null);
        long read = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = store.readEvents(token)) {
            List<StoredEvent> batch = new ArrayList<>(batchSize);
            TrackingToken last = null;
            int sinceLastBatch = 0;
            Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
            while (it.hasNext()) {
                TrackedEventMessage<?> message = it.next();
                last = message.trackingToken();
                stored(message).ifPresent(batch::add);
                read++;
                if (++sinceLastBatch >= batchSize) {
                    store.awaitDurable();
                    batches.accept(batch, new SourcePosition(NAME, TrackingTokens.encode(last)));
                    batch = new ArrayList<>(batchSize);
                    sinceLastBatch = 0;
                }
            }
            if (sinceLastBatch > 0) {
                // The rest, even if none of it was a subnet event: the position still moves on.
                store.awaitDurable();
                batches.accept(batch, new SourcePosition(NAME, TrackingTokens.encode(last)));
            }
        }
        return read;
    }

    /** Rows of the event table read per query of {@link #readAll} (keyset pages over the global index). */
    static final int PAGE_ROWS = 10_000;
    /** Axon's defaults for its JDBC engine (AxonStore keeps them): how tokens keep gaps. */
    private static final long LOWEST_GLOBAL_SEQUENCE = 1;
    private static final int MAX_GAP_OFFSET = 10_000;
    private static final long GAP_TIMEOUT_MS = 60_000;

    /**
     * Reads the whole log, from the first event up to its end as of the call, as
     * {@link #readAfter readAfter(empty, ...)} does, but straight from the domain-event table:
     * pages of {@value #PAGE_ROWS} rows in global-index order, each payload deserialised with the
     * store's own serializer (its Jackson mapper, the class named by the row's payload type;
     * types it does not know go through the serializer as Axon would hand them over). The store
     * has no upcasters, so nothing else happens to an event on Axon's path either
     * (EventStoreSourceContract compares the two, on H2 and PostgreSQL). Tracking tokens are advanced as Axon's JDBC
     * engine advances them (gaps, gap offset, gap timeout), and a page's query also takes the
     * token's gaps that have committed since, as Axon's does ({@link #withGaps}). For rebuilds: Axon's
     * {@code readEvents} reads 100 rows per query and wraps each event in several messages.
     */
    public long readAll(int batchSize, BiConsumer<List<StoredEvent>, SourcePosition> batches) {
        return readAll(batchSize, PAGE_ROWS, batches);
    }

    /** {@link #readAll(int, BiConsumer)} in pages of {@code pageRows} (tests: a page boundary where they want it). */
    long readAll(int batchSize, int pageRows, BiConsumer<List<StoredEvent>, SourcePosition> batches) {
        EventSchema schema = store.eventSchema();
        String select = "SELECT " + String.join(", ", schema.globalIndexColumn(), schema.aggregateIdentifierColumn(),
                schema.sequenceNumberColumn(), schema.eventIdentifierColumn(), schema.timestampColumn(),
                schema.payloadTypeColumn(), schema.payloadRevisionColumn(), schema.payloadColumn())
                + " FROM " + schema.domainEventTable() + " WHERE ";
        String page = " ORDER BY " + schema.globalIndexColumn() + " ASC FETCH FIRST " + pageRows + " ROWS ONLY";
        String sql = select + schema.globalIndexColumn() + " > ?" + page;
        Payloads payloads = new Payloads(store.eventSerializer());
        DurableReads durable = store.durableReads();
        long read = 0;
        GapAwareTrackingToken token = null;
        List<StoredEvent> batch = new ArrayList<>(batchSize);
        int sinceLastBatch = 0;
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement(sql)) {
            query.setFetchSize(pageRows);
            long after = -1;
            int rows;
            do {
                rows = 0;
                Instant gapTimeoutFrame = GenericEventMessage.clock.instant().minusMillis(GAP_TIMEOUT_MS);
                SortedSet<Long> gaps = token == null ? Collections.emptySortedSet() : token.getGaps();
                PreparedStatement pageQuery = gaps.isEmpty() ? query
                        : withGaps(connection, select, page, schema.globalIndexColumn(), gaps, pageRows);
                pageQuery.setLong(1, after);
                try (ResultSet r = pageQuery.executeQuery()) {
                    durable.awaitDurable(connection);
                    while (r.next()) {
                        rows++;
                        long globalIndex = r.getLong(1);
                        String aggregate = r.getString(2);
                        long sequence = r.getLong(3);
                        String eventId = r.getString(4);
                        String time = r.getString(5);
                        Instant parsed = IsoInstants.parse(time);
                        Instant timestamp = parsed != null ? parsed : DateTimeUtils.parseInstant(time);
                        boolean allowGaps = timestamp.isAfter(gapTimeoutFrame);
                        token = token == null
                                ? GapAwareTrackingToken.newInstance(globalIndex, allowGaps
                                        ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalIndex), globalIndex).boxed().toList()
                                        : List.of())
                                : token.advanceTo(globalIndex, allowGaps ? MAX_GAP_OFFSET : 0);
                        after = Math.max(after, globalIndex);
                        // Axon's engine: an event whose aggregate id is its own id is not a domain event.
                        if (!eventId.equals(aggregate)) {
                            Object payload = payloads.read(r.getString(6), r.getString(7), r.getBytes(8));
                            batch.add(new StoredEvent(eventId, aggregate, sequence, timestamp, payload));
                        }
                        read++;
                        if (++sinceLastBatch >= batchSize) {
                            batches.accept(batch, new SourcePosition(NAME, TrackingTokens.encode(token)));
                            batch = new ArrayList<>(batchSize);
                            sinceLastBatch = 0;
                        }
                    }
                } finally {
                    if (pageQuery != query) {
                        pageQuery.close();
                    }
                }
            } while (rows == pageRows);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event store: " + e.getMessage(), e);
        }
        if (sinceLastBatch > 0) {
            batches.accept(batch, new SourcePosition(NAME, TrackingTokens.encode(token)));
        }
        return read;
    }

    /**
     * A page that also holds the token's gaps that have committed since, in one statement: one
     * snapshot, so a subnet's event above the index is never read while its earlier event, late
     * in committing at a lower index, is left to a later read (the tail would apply it after).
     * What Axon's engine does on its {@code readEvents} path.
     */
    private static PreparedStatement withGaps(Connection connection, String select, String page, String globalIndex,
                                              SortedSet<Long> gaps, int pageRows) throws SQLException {
        StringBuilder sql = new StringBuilder(select).append('(').append(globalIndex).append(" > ? OR ")
                .append(globalIndex).append(" IN (");
        for (int i = 0; i < gaps.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append("))").append(page);
        PreparedStatement statement = connection.prepareStatement(sql.toString());
        statement.setFetchSize(pageRows);
        int parameter = 2;
        for (long gap : gaps) {
            statement.setLong(parameter++, gap);
        }
        return statement;
    }

    /**
     * Payloads by type, each type's Jackson reader looked up once. The reader is the serializer's
     * own mapper, copied, with one change: instants in the form the store writes are parsed
     * without {@code DateTimeFormatter} ({@link IsoInstants}: the same values, a third of the
     * reader's time saved); any other form goes to the mapper's own deserializer.
     */
    private static final class Payloads {
        private final JacksonSerializer serializer;
        private final ObjectMapper mapper;
        private final Map<String, Optional<ObjectReader>> readers = new HashMap<>();

        Payloads(JacksonSerializer serializer) {
            this.serializer = serializer;
            this.mapper = serializer.getObjectMapper().copy().registerModule(new SimpleModule("leaseledger-rebuild-instants")
                    .addDeserializer(Instant.class, new IsoInstants.Deserializer(InstantDeserializer.INSTANT)));
        }

        Object read(String type, String revision, byte[] data) {
            Object leaseEvent = StoreSerializers.readLeaseEvent(type, revision, data);
            if (leaseEvent != null) {
                return leaseEvent;
            }
            Optional<ObjectReader> reader = readers.computeIfAbsent(type, t -> {
                Class<?> c = serializer.classForType(new SimpleSerializedType(t, revision));
                // Unknown and empty types: what the serializer makes of them.
                return UnknownSerializedType.class.isAssignableFrom(c) || Void.class.equals(c)
                        ? Optional.empty()
                        : Optional.of(mapper.readerFor(c));
            });
            try {
                return reader.isPresent()
                        ? reader.get().readValue(data)
                        : serializer.deserialize(new SimpleSerializedObject<>(data, byte[].class, type, revision));
            } catch (IOException e) {
                throw new SerializationException("cannot deserialise an event of type " + type + ": " + e.getMessage(), e);
            }
        }
    }

    /** Events of aggregates (subnets) only: anything else carries no subnet and sequence. */
    private static Optional<StoredEvent> stored(TrackedEventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> domain) || domain.getAggregateIdentifier() == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredEvent(message.getIdentifier(), domain.getAggregateIdentifier(),
                domain.getSequenceNumber(), message.getTimestamp(), message.getPayload()));
    }
}
