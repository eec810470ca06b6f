package io.leaseledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.store.AxonStore;
import io.leaseledger.streaming.EventSchemas;
import io.leaseledger.streaming.EventStreams;
import io.leaseledger.streaming.StreamFilter;
import io.micronaut.http.sse.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/events}: the node's event log as server-sent events, read as a client reads
 * them ({@link SseStream}) from a node whose clients lease through the packet path — from the
 * beginning, live, resumed with {@code Last-Event-ID}, filtered; bad input; the limit of open streams;
 * the keep-alive comment.
 */
class EventStreamApiTest extends RunningApi {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(700);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final EventSchemas schemas = new EventSchemas();

    @AfterAll
    void closeClient() {
        http.close();
    }

    private SseStream open(String query, String lastEventId) throws Exception {
        return SseStream.open(http, api.base.resolve("/api/v1/events" + query), api.readOnly, lastEventId);
    }

    /** The event ids of the store, in global order. */
    private List<String> storedEventIds() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = api.node.context().getBean(AxonStore.class).dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT eventIdentifier FROM domainevententry ORDER BY globalIndex")) {
            while (r.next()) {
                ids.add(r.getString(1));
            }
        }
        return ids;
    }

    private static JsonNode json(SseStream.SseEvent e) throws Exception {
        return ApiNode.JSON.readTree(e.data());
    }

    @Test
    void fromTheBeginningEveryStoredEventComesInOrderAsAValidCloudEventAndTheStreamStaysOpen() throws Exception {
        api.dora("52:54:00:00:0a:01");
        List<String> stored = storedEventIds();
        try (SseStream stream = open("?from=beginning", null)) {
            assertThat(stream.status).isEqualTo(200);
            List<SseStream.SseEvent> events = stream.next(stored.size(), WAIT);
            Map<String, Long> lastSequence = new HashMap<>();
            List<String> ids = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (SseStream.SseEvent e : events) {
                JsonNode ce = json(e);
                ids.add(ce.get("id").asText());
                assertThat(e.name()).isEqualTo(ce.get("type").asText()).startsWith("io.leaseledger.");
                assertThat(e.id()).as("the position after the event").isNotBlank();
                assertThat(ce.get("specversion").asText()).isEqualTo("1.0");
                assertThat(ce.get("source").asText()).startsWith("leaseledger://node/");
                assertThat(ce.get("datacontenttype").asText()).isEqualTo("application/json");
                assertThat(ce.get("subnetseq").isIntegralNumber()).as("subnetseq is a number").isTrue();
                long sequence = ce.get("subnetseq").asLong();
                Long before = lastSequence.put(ce.get("subnet").asText(), sequence);
                assertThat(sequence).as("each subnet's events in sequence").isEqualTo(before == null ? 0 : before + 1);
                schemas.problems(ce.get("dataschema").asText(), ce.get("data").toString())
                        .forEach(p -> problems.add(ce.get("type").asText() + " " + p));
            }
            assertThat(problems).isEmpty();
            assertThat(ids).containsExactlyElementsOf(stored);
            assertThat(stream.ended(QUIET)).as("the stream waits for more").isFalse();
            assertThat(stream.comments()).first().asString().startsWith("leaseledger event stream after position 0");
        }
    }

    @Test
    void aStreamFromNowCarriesALeaseAsItCommitsAndNothingBefore() throws Exception {
        api.dora("52:54:00:00:0a:02");
        try (SseStream stream = open("", null)) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.next(QUIET)).as("nothing committed before the stream opened").isNull();
            String address = api.dora("52:54:00:00:0a:03");
            List<SseStream.SseEvent> events = stream.next(2, WAIT);
            assertThat(events).extracting(SseStream.SseEvent::name)
                    .containsExactly("io.leaseledger.LeaseOffered.v1", "io.leaseledger.LeaseGranted.v1");
            JsonNode granted = json(events.get(1));
            assertThat(granted.get("subject").asText()).isEqualTo(address);
            assertThat(granted.at("/data/client/chaddr").asText()).isEqualTo("52:54:00:00:0a:03");
            assertThat(granted.at("/data/address").asText()).isEqualTo(address);
        }
    }

    @Test
    void aClientThatComesBackWithLastEventIdMissesNothingAndGetsNothingTwice() throws Exception {
        api.dora("52:54:00:00:0a:04");
        String resumeAt;
        try (SseStream stream = open("?from=beginning", null)) {
            resumeAt = stream.next(6, WAIT).getLast().id();
        }
        api.dora("52:54:00:00:0a:05"); // committed while the client was away
        List<String> stored = storedEventIds();
        try (SseStream again = open("?from=beginning", resumeAt)) {
            assertThat(again.status).isEqualTo(200);
            List<String> after = new ArrayList<>();
            for (SseStream.SseEvent e : again.next(stored.size() - 6, WAIT)) {
                after.add(json(e).get("id").asText());
            }
            assertThat(after).as("Last-Event-ID wins over from").containsExactlyElementsOf(stored.subList(6, stored.size()));
            assertThat(again.next(QUIET)).isNull();
        }
        // The same position as ?from= does the same.
        try (SseStream same = open("?from=" + java.net.URLEncoder.encode(resumeAt, java.nio.charset.StandardCharsets.UTF_8), null)) {
            assertThat(json(same.next(WAIT)).get("id").asText()).isEqualTo(stored.get(6));
        }
    }

    @Test
    void onlyWhatTheFiltersLetThroughIsSent() throws Exception {
        String mac = "52:54:00:00:0a:06";
        try (SseStream granted = open("?mac=" + mac + "&type=LeaseGranted&subnet=198.18.0.0-24", null);
             SseStream offered = open("?type=io.leaseledger.LeaseOffered.v1&type=LeaseReleased", null);
             SseStream elsewhere = open("?subnet=198.19.0.0/24", null)) {
            assertThat(List.of(granted.status, offered.status, elsewhere.status)).containsOnly(200);
            api.dora("52:54:00:00:0a:07");
            String address = api.dora(mac);
            SseStream.SseEvent only = granted.next(WAIT);
            assertThat(only.name()).isEqualTo("io.leaseledger.LeaseGranted.v1");
            assertThat(json(only).get("subject").asText()).isEqualTo(address);
            assertThat(granted.next(QUIET)).as("the other client's grant, and every offer, are filtered out").isNull();
            assertThat(offered.next(2, WAIT)).extracting(SseStream.SseEvent::name)
                    .containsOnly("io.leaseledger.LeaseOffered.v1");
            assertThat(elsewhere.next(QUIET)).isNull();
        }
    }

    @Test
    void badInputIsAFieldErrorAndNoTokenIsUnauthorized() throws Exception {
        Map<String, String> fields = Map.of(
                "?from=yesterday", "from",
                "?subnet=198.18.0.0/33", "subnet",
                "?mac=nonsense", "mac",
                "?type=LeaseStolen", "type",
                "?from=-4", "from");
        for (var bad : fields.entrySet()) {
            try (SseStream s = open(bad.getKey(), null)) {
                assertThat(s.status).as(bad.getKey()).isEqualTo(400);
                assertThat(ApiNode.JSON.readTree(s.errorBody).at("/fields/0/field").asText()).isEqualTo(bad.getValue());
            }
        }
        try (SseStream s = open("", "12;nope")) {
            assertThat(s.status).isEqualTo(400);
            assertThat(ApiNode.JSON.readTree(s.errorBody).at("/fields/0/field").asText()).isEqualTo("Last-Event-ID");
        }
        try (SseStream s = SseStream.open(http, api.base.resolve("/api/v1/events"), null, null)) {
            assertThat(s.status).isEqualTo(401);
        }
    }

    @Test
    void atMostEightStreamsAreOpenAndAClosedOneFreesItsPlace() throws Exception {
        EventStreams streams = api.node.context().getBean(EventStreams.class);
        List<SseStream> open = new ArrayList<>();
        try {
            while (streams.openStreams() < EventStreams.MAX_OPEN) {
                SseStream s = open("", null);
                assertThat(s.status).isEqualTo(200);
                open.add(s);
            }
            assertThat(api.get("/metrics", null).body()).contains("leaseledger_api_event_streams " + EventStreams.MAX_OPEN + ".0");
            try (SseStream refused = open("", null)) {
                assertThat(refused.status).isEqualTo(503);
                assertThat(refused.errorBody).contains(EventStreams.MAX_OPEN + " event streams are open already");
            }
            open.removeFirst().close();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (streams.openStreams() >= EventStreams.MAX_OPEN && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            try (SseStream again = open("", null)) {
                assertThat(again.status).as("the client that went freed its place").isEqualTo(200);
            }
        } finally {
            open.forEach(SseStream::close);
        }
    }

    /** The stream's pump with a short keep-alive: a quiet stream sends a comment each time, and no event. */
    @Test
    void aQuietStreamSendsAKeepAliveComment() throws Exception {
        EventStreams streams = api.node.context().getBean(EventStreams.class);
        EventStreams.Cursor cursor = streams.open(StreamFilter.EVERYTHING, EventStreams.start("now"));
        List<Event<String>> sent = EventStreamController.stream(cursor, Duration.ofMillis(200))
                .take(3).collectList().block(WAIT);
        assertThat(sent).extracting(Event::getComment)
                .containsExactly("leaseledger event stream after position " + cursor.position(), "keep-alive", "keep-alive");
        assertThat(sent).extracting(Event::getData).containsOnly("");
        assertThat(cursor.ended()).as("the client that went ended the cursor").isTrue();
    }
}
