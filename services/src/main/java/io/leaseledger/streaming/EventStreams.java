package io.leaseledger.streaming;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.leaseledger.readside.TrackingTokens;
import io.leaseledger.store.AxonStore;
import io.leaseledger.store.CommitSignal;
import io.leaseledger.store.StoreSerializers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This node's event log as a live feed for the HTTP API's {@code GET /api/v1/events}, without
 * Kafka: each open stream is a {@link Cursor} that reads the event table after a position
 * (the {@link EventTableReader} the publisher uses: gaps looked for again, only what the store
 * made durable), keeps what the filter lets through (subnet and type on the row's columns, a MAC
 * from the body) and writes each as the CloudEvent the publisher would send ({@link CloudEventRecords}),
 * in structured form with the stored JSON as its data ({@link StructuredCloudEvent}). A position is the text of
 * the tracking token after an event ({@code "INDEX"} or {@code "INDEX;GAP,GAP"}): a client that
 * comes back with it misses nothing committed after that event, late commits included.
 *
 * <p>At most {@link #MAX_OPEN} streams at once: each polls the store, at most every
 * {@link #MIN_READ_INTERVAL} while it is live, so a few operators' feeds never weigh on the
 * packet path.
 */
public final class EventStreams implements AutoCloseable {
    public static final int MAX_OPEN = 8;
    /** The comment that opens every stream, followed by the position it starts after. */
    public static final String OPENING_COMMENT = "leaseledger event stream after position ";
    /** The first reads of a stream far behind the head come at once; live, no more often than this. */
    static final Duration MIN_READ_INTERVAL = Duration.ofMillis(50);
    /** The longest wait between two reads when this process signalled no commit (commits made elsewhere). */
    static final Duration POLL = Duration.ofMillis(250);
    /** How far below the head a stream opened "now" looks for transactions still committing. */
    static final int NOW_WINDOW = 1_000;
    static final int BATCH = 256;

    private final AxonStore store;
    private final CloudEventRecords records;
    private final ObjectMapper mapper = StoreSerializers.eventMapper();
    private final Set<Cursor> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile boolean closed;

    public EventStreams(AxonStore store, String nodeName) {
        this.store = store;
        // The topics are Kafka's business; a stream carries only the CloudEvent.
        this.records = new CloudEventRecords(CloudEventRecords.sourceOf(nodeName), "leases", "configuration",
                StoreSerializers.eventMapper(), store.configuration().eventSerializer());
    }

    /** Where a new stream starts. */
    public sealed interface Start {
        /** The first event of the store. */
        record Beginning() implements Start {}

        /** Whatever commits from now on. */
        record Now() implements Start {}

        /** After a position a stream handed out (an event's {@code id}). */
        record After(String position) implements Start {}

        /** {@code beginning}, {@code now} or a position; {@link IllegalArgumentException} for anything else. */
        static Start parse(String text) {
            return switch (text) {
                case "beginning" -> new Beginning();
                case "now" -> new Now();
                default -> {
                    // Refused here, not in the stream.
                    GapAwareTrackingToken token = gapAware(TrackingTokens.decode(text));
                    if (token.getIndex() < 0 || (!token.getGaps().isEmpty() && token.getGaps().first() < 0)) {
                        throw new IllegalArgumentException("not an event-store position: \"" + text + "\"");
                    }
                    yield new After(text);
                }
            };
        }
    }

    /** Parses a start: {@code beginning}, {@code now}, or a position; throws {@link IllegalArgumentException} naming it. */
    public static Start start(String text) {
        return Start.parse(text);
    }

    /** One event of a stream: its position (the SSE {@code id}), its CloudEvents type, and the structured CloudEvent. */
    public record Item(String position, String type, String cloudEvent) {}

    /** Refused because {@link #MAX_OPEN} streams are open, or because the node is stopping. */
    public static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** Opens a stream; close it when the client goes. */
    public Cursor open(StreamFilter filter, Start start) throws Unavailable {
        if (closed) {
            throw new Unavailable("the node is stopping");
        }
        if (opened.incrementAndGet() > MAX_OPEN) {
            opened.decrementAndGet();
            throw new Unavailable(MAX_OPEN + " event streams are open already, the most one node serves");
        }
        try {
            GapAwareTrackingToken token = switch (start) {
                case Start.Beginning b -> null;
                case Start.Now n -> now();
                case Start.After a -> gapAware(TrackingTokens.decode(a.position()));
            };
            Cursor cursor = new Cursor(filter, token);
            open.add(cursor);
            return cursor;
        } catch (RuntimeException e) {
            opened.decrementAndGet();
            throw e;
        }
    }

    /** Streams open now. */
    public int openStreams() {
        return opened.get();
    }

    /** {@code leaseledger_api_event_streams}: the streams open now, against {@link #MAX_OPEN}. */
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("leaseledger.api.event.streams", this, EventStreams::openStreams)
                .description("Server-sent event streams open (GET /api/v1/events), at most " + MAX_OPEN)
                .register(registry);
    }

    /** Ends every stream (their next {@link Cursor#next} returns at once); no new one opens. */
    @Override
    public void close() {
        closed = true;
        open.forEach(Cursor::close);
        store.transactionManager().commitSignal().wakeUp();
    }

    /**
     * The position of "now": the head, with the indexes missing in the last {@link #NOW_WINDOW}
     * below it as gaps — transactions that took an index and had not committed yet.
     */
    private GapAwareTrackingToken now() {
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT globalIndex FROM domainevententry WHERE globalIndex > "
                     + "(SELECT COALESCE(MAX(globalIndex), 0) FROM domainevententry) - ? ORDER BY globalIndex")) {
            s.setLong(1, NOW_WINDOW);
            List<Long> present = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    present.add(r.getLong(1));
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
            if (present.isEmpty()) {
                return null;
            }
            long head = present.getLast();
            TreeSet<Long> gaps = new TreeSet<>();
            long expected = Math.max(EventTableReader.LOWEST_INDEX, head - NOW_WINDOW + 1);
            for (long index : present) {
                for (long missing = expected; missing < index; missing++) {
                    gaps.add(missing);
                }
                expected = index + 1;
            }
            return GapAwareTrackingToken.newInstance(head, gaps);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the event table's head: " + e.getMessage(), e);
        }
    }

    private static GapAwareTrackingToken gapAware(TrackingToken token) {
        return (GapAwareTrackingToken) token; // TrackingTokens.decode makes only these
    }

    /** One client's stream. Not thread-safe: one thread calls {@link #next}; {@link #close} from any. */
    public final class Cursor implements AutoCloseable {
        private final StreamFilter filter;
        private final EventTableReader reader;
        private final CommitSignal commits = store.transactionManager().commitSignal();
        private GapAwareTrackingToken token;
        private long lastReadNanos;
        private long commitsBeforeRead;
        private long wakeUpsBeforeRead;
        private boolean lastReadFull = true;
        private volatile boolean ended;

        private Cursor(StreamFilter filter, GapAwareTrackingToken token) {
            this.filter = filter;
            this.token = token;
            this.reader = new EventTableReader(store.dataSource(), store.durableReads(), BATCH);
        }

        /** The position the stream is at: after everything read so far ({@code 0} before the first event of a store). */
        public String position() {
            return token == null ? "0" : TrackingTokens.encode(token);
        }

        /**
         * The next events that pass the filter, waiting up to {@code wait} for them: empty when none
         * came in that time (or the stream ended: {@link #ended}).
         */
        public List<Item> next(Duration wait) throws InterruptedException {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!ended) {
                if (!lastReadFull) {
                    long earliest = lastReadNanos + MIN_READ_INTERVAL.toNanos();
                    long now = System.nanoTime();
                    if (earliest > now) {
                        TimeUnit.NANOSECONDS.sleep(Math.min(earliest, deadline) - now);
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return List.of();
                    }
                    // Counted before the last read: a commit the read may have missed ends the wait at once.
                    commits.awaitAfter(commitsBeforeRead, wakeUpsBeforeRead, Math.min(left, POLL.toNanos()),
                            TimeUnit.NANOSECONDS);
                    if (ended) {
                        break;
                    }
                }
                List<Item> items = read();
                if (!items.isEmpty() || System.nanoTime() >= deadline) {
                    return items;
                }
            }
            return List.of();
        }

        private List<Item> read() {
            commitsBeforeRead = commits.commits();
            wakeUpsBeforeRead = commits.wakeUps();
            lastReadNanos = System.nanoTime();
            EventTableReader.Batch batch = reader.read(token);
            lastReadFull = batch.rows().size() >= reader.batchSize();
            List<Item> items = new ArrayList<>();
            GapAwareTrackingToken after = token == null
                    ? GapAwareTrackingToken.newInstance(EventTableReader.LOWEST_INDEX - 1, List.of()) : token;
            for (EventTableReader.Row row : batch.rows()) {
                after = after.advanceTo(row.globalIndex(), Integer.MAX_VALUE);
                // Subnet and type are columns of the row: what they exclude is never parsed.
                String type = row.payloadType().substring(row.payloadType().lastIndexOf('.') + 1);
                if (!filter.mayMatch(row.aggregateId(), type)) {
                    continue;
                }
                ProducerRecord<String, byte[]> record = records.record(row);
                if (record == null || (filter.mac().isPresent() && !matchesMac(record))) {
                    continue;
                }
                items.add(new Item(TrackingTokens.encode(after), StructuredCloudEvent.type(record),
                        StructuredCloudEvent.json(record)));
            }
            token = batch.token();
            return items;
        }

        /** The MAC criterion needs the body: the only one that parses it. */
        private boolean matchesMac(ProducerRecord<String, byte[]> record) {
            try {
                return filter.matches(StreamRecord.of(record, mapper));
            } catch (StreamRecord.NotAnEvent e) {
                return false;
            }
        }

        public boolean ended() {
            return ended;
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                if (open.remove(this)) {
                    opened.decrementAndGet();
                }
                commits.wakeUp();
            }
        }
    }
}
