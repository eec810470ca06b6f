package io.leaseledger.streaming;

import io.leaseledger.events.subnet.SubnetEvent;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Every event of the local event store to Kafka, on a thread of its own: reads the store from
 * the stored position ({@link PublisherPosition}), sends each event as a CloudEvent
 * ({@link CloudEventRecords}) and moves the position only over events the broker acknowledged,
 * in the order they were read. At least once: after a crash or a producer failure the events
 * after the stored position are sent again (consumers drop duplicates by {@code ce_id}).
 *
 * <p>The packet path never waits for it: commands commit to the store, this thread reads what
 * was committed. While the broker is unreachable the producer holds what it was given and this
 * thread stops reading at {@code maxInFlight}; the rest waits in the store, and drains when the
 * broker returns. A producer that fails for good (a fatal error) is closed and a new one starts
 * from the stored position, after a growing pause.
 */
public final class KafkaPublisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPublisher.class);
    static final Duration SAVE_EVERY = Duration.ofMillis(200);
    static final int DEFAULT_MAX_IN_FLIGHT = 20_000;
    static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final PublisherPosition position;
    private final CloudEventRecords records;
    private final Supplier<Producer<String, byte[]>> producers;
    private final Runnable beforeSession;
    private final int maxInFlight;
    private final Thread thread;
    private final LagHistogram lags = new LagHistogram();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    private volatile java.util.function.LongConsumer acknowledgedListener = micros -> { };
    private volatile boolean closed;
    private volatile PublisherStatus.State state = PublisherStatus.State.STARTING;
    private volatile String lastError;
    private volatile long positionIndex = -1;
    private volatile int inFlightCount;
    private volatile long oldestInFlightMicros;

    /**
     * @param beforeSession runs before each producer session (creates missing topics)
     */
    public KafkaPublisher(StreamableMessageSource<TrackedEventMessage<?>> source, PublisherPosition position,
                          CloudEventRecords records, Supplier<Producer<String, byte[]>> producers,
                          Runnable beforeSession, int maxInFlight) {
        this.source = source;
        this.position = position;
        this.records = records;
        this.producers = producers;
        this.beforeSession = beforeSession;
        this.maxInFlight = maxInFlight;
        this.thread = new Thread(this::run, "leaseledger-publisher");
        this.thread.setDaemon(true);
    }

    /** A publisher with a real {@link KafkaProducer} from {@code producerConfig}. */
    public static KafkaPublisher start(StreamableMessageSource<TrackedEventMessage<?>> source, PublisherPosition position,
                                       CloudEventRecords records, Map<String, Object> producerConfig,
                                       Runnable beforeSession) {
        KafkaPublisher publisher = new KafkaPublisher(source, position, records,
                () -> new KafkaProducer<>(producerConfig), beforeSession, DEFAULT_MAX_IN_FLIGHT);
        publisher.thread.start();
        return publisher;
    }

    public void startThread() {
        thread.start();
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            try {
                beforeSession.run();
                session();
                failures = 0;
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                failures++;
                lastError = e.toString();
                state = PublisherStatus.State.RETRYING;
                long pause = Math.min(30_000, 500L << Math.min(6, failures - 1));
                LOG.warn("publishing stopped ({}); again from the last acknowledged event in {} ms", e.toString(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    break;
                }
            }
        }
        state = PublisherStatus.State.STOPPED;
    }

    /** One producer, from the stored position until closed or the first failure. */
    private void session() throws InterruptedException {
        Optional<PublisherPosition.Stored> stored = position.load();
        GapAwareTrackingToken start = stored.map(PublisherPosition.Stored::token).orElse(null);
        positionIndex = start == null ? -1 : start.getIndex();
        long publishedBefore = stored.map(PublisherPosition.Stored::published).orElse(0L);
        Session s = new Session(start, publishedBefore);
        try (Producer<String, byte[]> producer = producers.get();
             BlockingStream<TrackedEventMessage<?>> stream = source.openStream(start)) {
            state = PublisherStatus.State.PUBLISHING;
            lastError = null;
            try {
                while (!closed) {
                    s.advance();
                    if (s.inFlight.size() >= maxInFlight) {
                        s.awaitHead(50);
                        continue;
                    }
                    // Short waits while records are in flight, so acknowledgements are taken up promptly.
                    if (!stream.hasNextAvailable(s.inFlight.isEmpty() ? 200 : 5, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    TrackedEventMessage<?> message = stream.nextAvailable();
                    s.send(producer, message);
                }
                // Closing: take up what is acknowledged within a few seconds; with the broker away,
                // the rest is sent again by the next start (it is after the stored position).
                long until = System.nanoTime() + CLOSE_WAIT.toNanos();
                while (!s.inFlight.isEmpty() && System.nanoTime() < until) {
                    s.awaitHead(50);
                    s.advance();
                }
            } finally {
                producer.close(CLOSE_WAIT);
                s.save(true);
                inFlightCount = 0;
                oldestInFlightMicros = 0;
            }
        }
    }

    /** The publisher's state now. */
    public PublisherStatus status() {
        long head;
        try {
            head = position.headIndex();
        } catch (RuntimeException e) {
            head = -1;
        }
        long oldest = oldestInFlightMicros;
        return new PublisherStatus(state, acknowledged.get(), positionIndex, head, inFlightCount,
                lags.percentileMicros(0.99), oldest == 0 ? 0 : Math.max(0, nowMicros() - oldest),
                Optional.ofNullable(lastError));
    }

    /** Called with each acknowledged record's lag in µs, on the producer's I/O thread (metrics). */
    public void onAcknowledged(java.util.function.LongConsumer listener) {
        this.acknowledgedListener = listener;
    }

    /** Lags (event committed → acknowledged) recorded since start. */
    public LagHistogram lags() {
        return lags;
    }

    /** Events that were not subnet events (none in a LeaseLedger store), passed over. */
    public long skipped() {
        return skipped.get();
    }

    /** Stops reading, waits (bounded) for what is in flight, stores the position. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(15_000);
            if (thread.isAlive()) {
                // A producer that cannot reach its broker may take its request timeout to close.
                thread.interrupt();
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    /** The records of one producer, in the order they were read. */
    private final class Session {
        final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
        GapAwareTrackingToken acked;
        long published;
        long lastSaveNanos = System.nanoTime();
        boolean dirty;

        Session(GapAwareTrackingToken start, long publishedBefore) {
            this.acked = start;
            this.published = publishedBefore;
        }

        void send(Producer<String, byte[]> producer, TrackedEventMessage<?> message) {
            TrackingToken token = message.trackingToken();
            if (!(token instanceof GapAwareTrackingToken gapAware)) {
                throw new IllegalStateException("the event store gave a " + token.getClass().getSimpleName()
                        + "; the publisher keeps GapAwareTrackingTokens");
            }
            if (!(message instanceof DomainEventMessage<?> domain) || !(message.getPayload() instanceof SubnetEvent)) {
                skipped.incrementAndGet();
                inFlight.add(new InFlight(gapAware, 0, true));
                return;
            }
            InFlight f = new InFlight(gapAware, micros(message.getTimestamp()));
            inFlight.add(f);
            inFlightCount = inFlight.size();
            if (oldestInFlightMicros == 0) {
                oldestInFlightMicros = f.committedMicros;
            }
            producer.send(records.record(domain), f);
        }

        /** Moves the position over acknowledged records at the head; a failed one ends the session. */
        void advance() {
            InFlight head;
            while ((head = inFlight.peek()) != null && head.finished()) {
                if (head.failure != null) {
                    throw new IllegalStateException("the broker did not take a record: " + head.failure, head.failure);
                }
                inFlight.poll();
                acked = head.token;
                positionIndex = head.token.getIndex();
                if (!head.skip) {
                    published++;
                }
                dirty = true;
            }
            InFlight next = inFlight.peek();
            inFlightCount = inFlight.size();
            oldestInFlightMicros = next == null || next.skip ? 0 : next.committedMicros;
            save(false);
        }

        void awaitHead(long millis) throws InterruptedException {
            InFlight head = inFlight.peek();
            if (head != null) {
                head.await(millis);
            }
        }

        void save(boolean now) {
            if (!dirty || acked == null) {
                return;
            }
            long t = System.nanoTime();
            if (now || t - lastSaveNanos >= SAVE_EVERY.toNanos()) {
                position.save(acked, published, Instant.now());
                lastSaveNanos = t;
                dirty = false;
            }
        }
    }

    /** One record sent; completed by the producer's I/O thread. */
    private final class InFlight implements Callback {
        final GapAwareTrackingToken token;
        final long committedMicros;
        final boolean skip;
        volatile boolean done;
        volatile Exception failure;

        InFlight(GapAwareTrackingToken token, long committedMicros) {
            this(token, committedMicros, false);
        }

        InFlight(GapAwareTrackingToken token, long committedMicros, boolean skip) {
            this.token = token;
            this.committedMicros = committedMicros;
            this.skip = skip;
            this.done = skip;
        }

        boolean finished() {
            return done;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                long lag = nowMicros() - committedMicros;
                lags.record(lag);
                acknowledgedListener.accept(lag);
                acknowledged.incrementAndGet();
            } else {
                failure = exception;
            }
            synchronized (this) {
                done = true;
                notifyAll();
            }
        }

        synchronized void await(long millis) throws InterruptedException {
            if (!done) {
                wait(millis);
            }
        }
    }
}
