package io.leaseledger.streaming;

import io.leaseledger.store.testing.EventTableRows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cursors behind {@code GET /api/v1/events} on a rack's store: where "now" starts when a
 * transaction below the head has not committed yet, what a position given back resumes, and
 * the limit of open streams. The HTTP side is {@code EventStreamApiTest}.
 */
class EventStreamsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private Rack rack;
    private EventStreams streams;

    @AfterEach
    void stop() {
        if (streams != null) {
            streams.close();
        }
        if (rack != null) {
            rack.close();
        }
    }

    @Test
    void aStreamFromNowSendsATransactionBelowTheHeadThatCommitsAfterItOpened() throws Exception {
        rack = new Rack(dir).withSubnets(1); // events at global indexes 1 and 2
        streams = new EventStreams(rack.store, "rack-1");
        try (Connection c = rack.store.dataSource().getConnection()) {
            EventTableRows.insertCopy(c, 2, 4, "198.18.99.0/24", 0, null); // 3 is taken, not committed yet
        }
        EventStreams.Cursor cursor = streams.open(StreamFilter.EVERYTHING, EventStreams.start("now"));
        assertThat(cursor.position()).isEqualTo("4;3");
        assertThat(cursor.next(Duration.ofMillis(300))).as("4 and what came before are not sent").isEmpty();

        try (Connection c = rack.store.dataSource().getConnection()) {
            EventTableRows.insertCopy(c, 2, 3, "198.18.98.0/24", 0, null);
        }
        List<EventStreams.Item> late = cursor.next(WAIT);
        assertThat(late).singleElement().satisfies(item -> {
            assertThat(item.cloudEvent()).contains("\"subnet\":\"198.18.98.0/24\"");
            assertThat(item.position()).isEqualTo("4");
        });
        cursor.close();
    }

    @Test
    void aPositionGivenBackResumesRightAfterItsEvent() throws Exception {
        rack = new Rack(dir).withSubnets(2); // four events
        streams = new EventStreams(rack.store, "rack-1");
        EventStreams.Cursor first = streams.open(StreamFilter.EVERYTHING, EventStreams.start("beginning"));
        assertThat(first.position()).isEqualTo("0");
        List<EventStreams.Item> all = first.next(WAIT);
        assertThat(all).extracting(EventStreams.Item::position).containsExactly("1", "2", "3", "4");
        first.close();

        List<String> types = new ArrayList<>();
        try (EventStreams.Cursor resumed = streams.open(StreamFilter.EVERYTHING, EventStreams.start("2"))) {
            resumed.next(WAIT).forEach(item -> types.add(item.position() + " " + item.type()));
        }
        assertThat(types).containsExactly("3 io.leaseledger.SubnetDefined.v1", "4 io.leaseledger.RangeAdded.v1");
    }

    @Test
    void badPositionsAreRefusedBeforeAStreamOpens() {
        for (String bad : List.of("yesterday", "-1", "5;x", "", "3;-2")) {
            assertThatThrownBy(() -> EventStreams.start(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void atMostEightStreamsAndNoneOnceClosed() throws Exception {
        rack = new Rack(dir).withSubnets(1);
        streams = new EventStreams(rack.store, "rack-1");
        List<EventStreams.Cursor> open = new ArrayList<>();
        for (int i = 0; i < EventStreams.MAX_OPEN; i++) {
            open.add(streams.open(StreamFilter.EVERYTHING, EventStreams.start("now")));
        }
        assertThatThrownBy(() -> streams.open(StreamFilter.EVERYTHING, EventStreams.start("now")))
                .isInstanceOf(EventStreams.Unavailable.class);
        open.getFirst().close();
        open.getFirst().close(); // twice: counted once
        assertThat(streams.openStreams()).isEqualTo(EventStreams.MAX_OPEN - 1);
        open.set(0, streams.open(StreamFilter.EVERYTHING, EventStreams.start("now")));

        streams.close();
        assertThat(open).allMatch(EventStreams.Cursor::ended);
        assertThat(open.get(1).next(WAIT)).as("an ended cursor returns at once").isEmpty();
        assertThatThrownBy(() -> streams.open(StreamFilter.EVERYTHING, EventStreams.start("now")))
                .isInstanceOf(EventStreams.Unavailable.class).hasMessageContaining("stopping");
    }
}
