package io.leaseledger.api;

import io.leaseledger.api.auth.RequiresRole;
import io.leaseledger.api.auth.Role;
import io.leaseledger.events.subnet.SubnetEvent;
import io.leaseledger.streaming.EventStreams;
import io.leaseledger.streaming.EventTypes;
import io.leaseledger.streaming.StreamFilter;
import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.sse.Event;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The node's event log as server-sent events (read-only role; docs/api.md, "Event stream"):
 * every event committed from a start, then each new one as it commits, each as the CloudEvent
 * Kafka would carry. The SSE {@code id} is the position after the event, so a client that
 * reconnects with {@code Last-Event-ID} (as a browser's EventSource does) misses nothing.
 * Each stream runs on a virtual thread of its own and reads only as fast as its client takes
 * what it was sent. A region has no event store: 503.
 */
@Controller("/api/v1/events")
@RequiresRole(Role.READ_ONLY)
public final class EventStreamController {
    private static final Logger LOG = LoggerFactory.getLogger(EventStreamController.class);
    /** A comment line this often on a quiet stream: proxies and the server's idle timeout keep it open. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final Set<String> EVENT_TYPES = eventTypes(SubnetEvent.class).map(c -> c.getSimpleName().toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    private static final AtomicLong STREAMS = new AtomicLong();

    private final BeanProvider<EventStreams> streams;

    public EventStreamController(BeanProvider<EventStreams> streams) {
        this.streams = streams;
    }

    @Get(uri = "{?subnet,mac,type,from}", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<String>> events(@Nullable @QueryValue List<String> subnet, @Nullable @QueryValue String mac,
                                           @Nullable @QueryValue List<String> type, @Nullable @QueryValue String from,
                                           @Nullable @Header("Last-Event-ID") String lastEventId) throws ApiException {
        List<String> subnets = new ArrayList<>();
        for (String s : subnet == null ? List.<String>of() : subnet) {
            subnets.add(QueryParams.subnet("subnet", s));
        }
        String device = QueryParams.mac("mac", mac);
        List<String> types = type == null ? List.of() : type;
        for (String t : types) {
            if (!EVENT_TYPES.contains(EventTypes.simpleName(t).toLowerCase(Locale.ROOT))) {
                throw ApiException.invalid(new ApiError.FieldError("type", t,
                        "an event type of docs/events.md (LeaseGranted, or io.leaseledger.LeaseGranted.v1)"));
            }
        }
        StreamFilter filter = StreamFilter.of(subnets, device, types);
        // A reconnecting EventSource sends the last id it saw: that wins over the URL's start.
        String startText = lastEventId != null && !lastEventId.isBlank() ? lastEventId.trim()
                : from == null ? "now" : from;
        EventStreams.Start start;
        try {
            start = EventStreams.start(startText);
        } catch (IllegalArgumentException e) {
            String field = lastEventId != null && !lastEventId.isBlank() ? "Last-Event-ID" : "from";
            throw ApiException.invalid(new ApiError.FieldError(field, startText,
                    "beginning, now, or the id of an event this stream sent"));
        }
        if (!streams.isPresent()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, new ApiError("unavailable",
                    "this node keeps no event store (a region): read the racks' streams, or Kafka (leaseledger tail)",
                    List.of()));
        }
        EventStreams.Cursor cursor;
        try {
            cursor = streams.get().open(filter, start);
        } catch (EventStreams.Unavailable e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, new ApiError("unavailable", e.getMessage(), List.of()));
        }
        return stream(cursor, KEEP_ALIVE);
    }

    /** The cursor's events as the response's body: a virtual thread pumps them; a client that goes closes the cursor. */
    static Flux<Event<String>> stream(EventStreams.Cursor cursor, Duration keepAlive) {
        return Flux.create(sink -> {
            Thread pump = Thread.ofVirtual().name("leaseledger-event-stream-" + STREAMS.incrementAndGet())
                    .unstarted(() -> pump(cursor, sink, keepAlive));
            sink.onDispose(() -> {
                cursor.close();
                pump.interrupt();
            });
            pump.start();
        }, FluxSink.OverflowStrategy.BUFFER);
    }

    /** The event classes under a sealed type (lease events are sealed under it in turn). */
    private static Stream<Class<?>> eventTypes(Class<?> type) {
        return type.isSealed() ? Arrays.stream(type.getPermittedSubclasses()).flatMap(EventStreamController::eventTypes)
                : Stream.of(type);
    }

    /**
     * Sends, until the client goes or the node stops: a first comment at once (the response's
     * headers go out with it), then each batch the cursor reads while the client asks for more,
     * and a comment when nothing came for {@code keepAlive}. At most one batch waits in the
     * sink's buffer for a slow client.
     */
    private static void pump(EventStreams.Cursor cursor, FluxSink<Event<String>> sink, Duration keepAlive) {
        try {
            sink.next(Event.of("").comment(EventStreams.OPENING_COMMENT + cursor.position()));
            while (!sink.isCancelled() && !cursor.ended()) {
                if (sink.requestedFromDownstream() <= 0) {
                    Thread.sleep(10);
                    continue;
                }
                List<EventStreams.Item> items = cursor.next(keepAlive);
                if (items.isEmpty()) {
                    if (!cursor.ended()) {
                        sink.next(Event.of("").comment("keep-alive"));
                    }
                    continue;
                }
                for (EventStreams.Item item : items) {
                    sink.next(Event.of(item.cloudEvent()).id(item.position()).name(item.type()));
                }
            }
            sink.complete();
        } catch (InterruptedException e) {
            sink.complete();
        } catch (RuntimeException e) {
            LOG.warn("event stream ended: {}", e.toString());
            sink.error(e);
        } finally {
            cursor.close();
        }
    }
}
