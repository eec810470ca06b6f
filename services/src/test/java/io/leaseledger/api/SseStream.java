package io.leaseledger.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server-sent events client as a script or a browser's EventSource reads a stream: the lines of
 * the response read on a thread of their own, parsed into events ({@code id}, {@code event},
 * {@code data}; a blank line ends one) and comments, each read with a deadline so that a test
 * never hangs on a quiet stream.
 */
final class SseStream implements AutoCloseable {
    record SseEvent(String id, String name, String data) {}

    private static final SseEvent END = new SseEvent(null, null, null);

    final int status;
    /** The whole body of an answer that is not a stream (an error's JSON). */
    final String errorBody;
    private final Stream<String> lines;
    private final BlockingQueue<SseEvent> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();

    private SseStream(HttpResponse<Stream<String>> response) {
        this.status = response.statusCode();
        this.lines = response.body();
        if (status != 200) {
            this.errorBody = String.join("\n", lines.toList());
            return;
        }
        this.errorBody = null;
        Thread.ofVirtual().name("sse-test-reader").start(this::read);
    }

    static SseStream open(HttpClient http, URI uri, String token, String lastEventId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/event-stream");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        // The response's headers come with the stream's first comment: this returns at once.
        return new SseStream(http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS));
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new SseEvent(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1).trim());
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (RuntimeException e) {
            // The stream was closed (by close(), or the server went away).
        } finally {
            events.add(END);
        }
    }

    /** The next event, or null when none came within {@code wait} or the stream ended. */
    SseEvent next(Duration wait) throws InterruptedException {
        SseEvent e = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (e == END) {
            events.add(END);
            return null;
        }
        return e;
    }

    /** The next {@code n} events, each within {@code wait}; fails naming how many came. */
    List<SseEvent> next(int n, Duration wait) throws InterruptedException {
        List<SseEvent> out = new ArrayList<>();
        while (out.size() < n) {
            SseEvent e = next(wait);
            if (e == null) {
                throw new AssertionError("stream gave " + out.size() + " of " + n + " events: " + out);
            }
            out.add(e);
        }
        return out;
    }

    /** True once the server ended the stream. */
    boolean ended(Duration wait) throws InterruptedException {
        SseEvent e = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (e == END) {
            events.add(END);
            return true;
        }
        if (e != null) {
            throw new AssertionError("an event where the end was expected: " + e);
        }
        return false;
    }

    List<String> comments() {
        return comments;
    }

    @Override
    public void close() {
        lines.close();
    }
}
