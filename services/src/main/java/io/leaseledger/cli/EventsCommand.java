package io.leaseledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.leaseledger.streaming.EventStreams;
import io.leaseledger.streaming.StreamRecord;
import io.leaseledger.streaming.TailFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * {@code leaseledger events}: a node's event log live, over its HTTP API ({@code GET /api/v1/events}),
 * for an operator without Kafka: one readable line per event ({@link TailFormat}, as {@code tail}),
 * or the CloudEvent with {@code --json}. A dropped connection is taken up again after the last
 * event printed ({@code Last-Event-ID}), so nothing is missed or printed twice.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Follows a node's event log live over its HTTP API (GET /api/v1/events; no Kafka needed),"
                + " one event per line; --json prints each CloudEvent. A dropped connection is taken up again after"
                + " the last event printed.",
                "Exit code 0 when stopped (--max reached, --timeout passed, Ctrl-C), 2 on bad arguments or a refusal,"
                        + " 3 when the API cannot be reached."})
final class EventsCommand extends ReadCommand {
    /** The pause before taking up a dropped stream again, doubling up to {@link #MOST_PAUSE}. */
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration MOST_PAUSE = Duration.ofSeconds(10);
    /** The comment that opens a stream, naming the position it starts after. */
    private static final String STREAM_OPENED = ": " + EventStreams.OPENING_COMMENT;

    @Mixin
    StreamOptions stream = new StreamOptions();

    @Option(names = "--from", paramLabel = "POSITION", defaultValue = "now",
            description = "now (default), beginning, or the id of an event (--json shows them): start after it.")
    String from;


    @Override
    int run() throws ApiClient.Failure {
        Long max;
        Duration limit;
        try {
            max = stream.max().orElse(null);
            limit = stream.timeout().orElse(null);
        } catch (IllegalArgumentException e) {
            throw new ApiClient.Failure(2, e.getMessage());
        }
        AtomicBoolean timedOut = new AtomicBoolean();
        AtomicReference<Stream<String>> current = new AtomicReference<>();
        if (limit != null) {
            // Closing the stream ends a read that waits for the next line.
            Thread.ofVirtual().name("leaseledger-events-timeout").start(() -> {
                try {
                    Thread.sleep(limit);
                } catch (InterruptedException e) {
                    return;
                }
                timedOut.set(true);
                Stream<String> lines = current.get();
                if (lines != null) {
                    lines.close();
                }
            });
        }
        // Where to go on after a drop: the last event printed, or before any, where the stream began.
        String after = null;
        String start = from;
        boolean connectedOnce = false;
        long printed = 0;
        Duration pause = FIRST_PAUSE;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            while (!timedOut.get()) {
                HttpResponse<Stream<String>> response;
                try {
                    response = api.stream(http, "/api/v1/events", ApiClient.query("subnet", stream.subnets, "mac", stream.mac,
                            "type", stream.types, "from", after == null ? start : null), after);
                } catch (ApiClient.Failure e) {
                    if (!connectedOnce || e.exitCode != 3) {
                        throw e;
                    }
                    pause = retryAfter(pause, e.getMessage(), after);
                    continue;
                }
                connectedOnce = true;
                try (Stream<String> lines = response.body()) {
                    current.set(lines);
                    if (timedOut.get()) {
                        break;
                    }
                    Iterator<String> it = lines.iterator();
                    String id = null;
                    StringBuilder data = null;
                    while (it.hasNext()) {
                        String line = it.next();
                        if (line.isEmpty()) {
                            if (data != null) {
                                print(data.toString());
                                printed++;
                                after = id != null ? id : after;
                                pause = FIRST_PAUSE;
                                if (max != null && printed >= max) {
                                    return 0;
                                }
                            }
                            id = null;
                            data = null;
                        } else if (line.startsWith(STREAM_OPENED) && after == null) {
                            after = line.substring(STREAM_OPENED.length()).strip();
                        } else if (line.startsWith("id:")) {
                            id = line.substring(3).strip();
                        } else if (line.startsWith("data:")) {
                            String value = line.substring(5).replaceFirst("^ ", "");
                            data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        }
                    }
                } catch (UncheckedIOException e) {
                    // the connection dropped, or the timeout closed it: below
                }
                if (!timedOut.get()) {
                    pause = retryAfter(pause, "the event stream ended", after);
                }
            }
        }
        return 0;
    }

    /** Says so, waits {@code pause}; the next pause, doubled up to {@link #MOST_PAUSE}. */
    private Duration retryAfter(Duration pause, String why, String after) throws ApiClient.Failure {
        err().println(why + "; again after position " + after + " in " + pause.toMillis() + " ms");
        err().flush();
        sleep(pause);
        Duration next = pause.multipliedBy(2);
        return next.compareTo(MOST_PAUSE) > 0 ? MOST_PAUSE : next;
    }

    private void print(String cloudEvent) throws ApiClient.Failure {
        if (api.json) {
            out().println(cloudEvent);
        } else {
            try {
                JsonNode node = ApiClient.JSON.readTree(cloudEvent);
                out().println(TailFormat.line(StreamRecord.ofCloudEvent(node)));
            } catch (IOException | StreamRecord.NotAnEvent e) {
                throw new ApiClient.Failure(2, "the node sent an event that is not a CloudEvent of ours: " + cloudEvent);
            }
        }
        out().flush();
    }

    private static void sleep(Duration pause) throws ApiClient.Failure {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiClient.Failure(3, "interrupted");
        }
    }
}
