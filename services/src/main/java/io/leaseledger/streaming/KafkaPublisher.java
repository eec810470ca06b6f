package io.leaseledger.streaming;

import io.leaseledger.store.CommitSignal;
import io.leaseledger.store.IsoInstants;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Every event of the local event store to Kafka, on a thread of its own: reads the store from
 * the stored position ({@link PublisherPosition}) in batches ({@link EventTableReader}: one query
 * per batch, gaps of transactions not yet committed looked for again), sends each batch's events
 * as CloudEvents ({@link CloudEventRecords}) without waiting, and moves the position over a batch
 * only once the broker acknowledged it and every batch before it. At least once: after a crash or
 * a producer failure the events after the stored position are sent again (consumers drop
 * duplicates by {@code ce_id}).
 *
 * <p>It reads when this process commits a transaction ({@link CommitSignal}), and at least every
 * {@link #POLL} for commits made elsewhere; while there is more to read it reads on at once.
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
    static final int DEFAULT_BATCH = 1_000;
    static final Duration CLOSE_WAIT = Duration.ofSeconds(3);
    /** The longest wait between two reads when no commit of this process was signalled. */
    static final Duration POLL = Duration.ofMillis(100);

    private final EventTableReader reader;
    private final CommitSignal commits;
    private final PublisherPosition position;
    private final CloudEventRecords records;
    private final Supplier<Producer<String, byte[]>> producers;
    private final Runnable beforeSession;
    private final int maxInFlight;
    private final Duration poll;
    private final Thread thread;
    private final LagHistogram lags = new LagHistogram();
    private final LagHistogram lagsSinceDecided = new LagHistogram();
    private final LagHistogram lagsSinceSent = new LagHistogram();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicInteger inFlightRecords = new AtomicInteger();
    private final Object progress = new Object();

    private volatile java.util.function.LongConsumer acknowledgedListener = micros -> { };
    /** Events decided before this (µs since the epoch) are not recorded in {@link #lags()}. */
    private volatile long lagsFromMicros;
    private volatile boolean closed;
    private volatile PublisherStatus.State state = PublisherStatus.State.STARTING;
    private volatile String lastError;
    private volatile long positionIndex = -1;
    private volatile long oldestInFlightMicros;

    /**
     * @param reader        reads the event table in batches
     * @param commits       signalled when this process commits (the publisher reads then)
     * @param beforeSession runs before each producer session (creates missing topics)
     * @param poll          the longest wait between two reads without a signalled commit ({@link #POLL})
     */
    KafkaPublisher(EventTableReader reader, CommitSignal commits, PublisherPosition position,
                   CloudEventRecords records, Supplier<Producer<String, byte[]>> producers,
                   Runnable beforeSession, int maxInFlight, Duration poll) {
        this.poll = poll;
        this.reader = reader;
        this.commits = commits;
        this.position = position;
        this.records = records;
        this.producers = producers;
        this.beforeSession = beforeSession;
        this.maxInFlight = maxInFlight;
        this.thread = new Thread(this::run, "leaseledger-publisher");
        this.thread.setDaemon(true);
    }

    /** A publisher with a real {@link KafkaProducer} from {@code producerConfig}, started. */
    static KafkaPublisher start(EventTableReader reader, CommitSignal commits, PublisherPosition position,
                                CloudEventRecords records, Map<String, Object> producerConfig,
                                Runnable beforeSession) {
        KafkaPublisher publisher = new KafkaPublisher(reader, commits, position, records,
                () -> new KafkaProducer<>(producerConfig), beforeSession, DEFAULT_MAX_IN_FLIGHT, POLL);
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
        try (Producer<String, byte[]> producer = producers.get()) {
            state = PublisherStatus.State.PUBLISHING;
            lastError = null;
            try {
                boolean more = true;
                long seen = commits.commits();
                while (!closed) {
                    s.advance();
                    if (inFlightRecords.get() >= maxInFlight) {
                        s.awaitProgress(50);
                        continue;
                    }
                    if (!more) {
                        // Nothing left as of the last read: wait for a commit of this process after the
                        // one seen before that read (or the poll, for commits made elsewhere); shorter
                        // waits while records are in flight, so acknowledgements are taken up promptly.
                        // close() wakes the wait (wake-ups counted before `closed` is looked at).
                        long wakeUps = commits.wakeUps();
                        if (closed) {
                            break;
                        }
                        commits.awaitAfter(seen, wakeUps, s.inFlight.isEmpty() ? poll.toMillis()
                                : Math.min(20, poll.toMillis()), TimeUnit.MILLISECONDS);
                        if (closed) {
                            break;
                        }
                    }
                    // Taken before the read: a commit the read may have missed wakes the next wait at once.
                    seen = commits.commits();
                    more = s.readAndSend(producer);
                }
                // Closing: take up what is acknowledged within a few seconds; with the broker away,
                // the rest is sent again by the next start (it is after the stored position).
                long until = System.nanoTime() + CLOSE_WAIT.toNanos();
                while (!s.inFlight.isEmpty() && System.nanoTime() < until) {
                    s.awaitProgress(50);
                    s.advance();
                }
            } finally {
                producer.close(CLOSE_WAIT);
                s.save(true);
                inFlightRecords.set(0);
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
        return new PublisherStatus(state, acknowledged.get(), positionIndex, head, inFlightRecords.get(),
                lags.percentileMicros(0.99), oldest == 0 ? 0 : Math.max(0, nowMicros() - oldest),
                Optional.ofNullable(lastError));
    }

    /** Called with each acknowledged record's lag in µs, on the producer's I/O thread (metrics). */
    public void onAcknowledged(java.util.function.LongConsumer listener) {
        this.acknowledgedListener = listener;
    }

    /**
     * Lags (event committed → acknowledged) recorded since start (or since {@link #lagsFrom}).
     * The commit time is bounded from below (see {@code Session.readAndSend}): the figure
     * over-states the lag by at most the time between two reads.
     */
    public LagHistogram lags() {
        return lags;
    }

    /** Lags from the event's own timestamp (the subnet decided, before its batch committed) → acknowledged. */
    public LagHistogram lagsSinceDecided() {
        return lagsSinceDecided;
    }

    /** Of the lag, the part from the record handed to the producer → acknowledged (linger, the broker's round trip). */
    public LagHistogram lagsSinceSent() {
        return lagsSinceSent;
    }

    /**
     * Forgets the lags recorded so far and, from now on, records in {@link #lags()},
     * {@link #lagsSinceDecided()} and {@link #lagsSinceSent()} only events decided at or after {@code from} (a benchmark's
     * measured window; the metrics listener still sees every acknowledgement).
     */
    public void lagsFrom(Instant from) {
        lagsFromMicros = micros(from);
        lags.reset();
        lagsSinceDecided.reset();
        lagsSinceSent.reset();
    }

    /** Events that were not subnet events (none in a LeaseLedger store), passed over. */
    public long skipped() {
        return skipped.get();
    }

    /**
     * Events read that were not the next of their subnet in their session ({@link SubnetSequenceCheck}):
     * zero unless the reader's order broke.
     */
    public long outOfOrder() {
        return outOfOrder.get();
    }

    /** Queries of the event table that found at least one event, since start. */
    public long batchesRead() {
        return reads.get();
    }

    /** Stops reading, waits (bounded) for what is in flight, stores the position. */
    @Override
    public void close() {
        closed = true;
        commits.wakeUp();
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

    /**
     * The event table's timestamp (Axon's form, {@code 2026-11-30T06:47:50.123Z}) in µs since the
     * epoch; other forms through Axon's own parser.
     */
    static long timestampMicros(String stored) {
        Instant parsed = IsoInstants.parse(stored);
        return micros(parsed != null ? parsed : DateTimeUtils.parseInstant(stored));
    }

    /** The batches of one producer, in the order they were read. */
    private final class Session {
        final ArrayDeque<InFlightBatch> inFlight = new ArrayDeque<>();
        final SubnetSequenceCheck order = new SubnetSequenceCheck();
        /** Where the next read starts: after everything sent. */
        GapAwareTrackingToken read;
        /** Everything up to here is acknowledged. */
        GapAwareTrackingToken acked;
        long published;
        long lastSaveNanos = System.nanoTime();
        boolean dirty;
        /** When the previous read started (µs since the epoch; 0: none yet), and whether it was full. */
        long previousReadMicros;
        boolean previousReadFull = true;

        Session(GapAwareTrackingToken start, long publishedBefore) {
            this.read = start;
            this.acked = start;
            this.published = publishedBefore;
        }

        /**
         * Reads one batch and sends its records (the producer batches and acknowledges them on its
         * own thread). Returns true when the batch was full: there may be more to read now.
         *
         * <p>An event's commit time is not stored; what is known: it committed after it was decided
         * (its timestamp), and after the start of the previous read if that read would have
         * returned it had it been committed (it was a gap then, or that read was not full). The
         * later of the two is taken as its commit time: the lag measured from it over-states the
         * lag from the commit by at most the time between two reads.
         */
        boolean readAndSend(Producer<String, byte[]> producer) {
            long startMicros = nowMicros();
            long indexBefore = read == null ? -1 : read.getIndex();
            long gapsNotBefore = previousReadMicros;
            long newNotBefore = previousReadFull ? 0 : previousReadMicros;
            EventTableReader.Batch batch = reader.read(read);
            previousReadMicros = startMicros;
            previousReadFull = batch.rows().size() >= reader.batchSize();
            if (batch.isEmpty() && java.util.Objects.equals(batch.token(), read)) {
                return false;
            }
            reads.incrementAndGet();
            InFlightBatch b = new InFlightBatch(batch.token());
            for (EventTableReader.Row row : batch.rows()) {
                if (!order.inOrder(row.aggregateId(), row.sequence(), row.globalIndex())) {
                    outOfOrder.incrementAndGet();
                }
                ProducerRecord<String, byte[]> record = records.record(row);
                if (record == null) {
                    skipped.incrementAndGet();
                    continue;
                }
                long decided = timestampMicros(row.timestamp());
                long committed = Math.max(decided, row.globalIndex() <= indexBefore ? gapsNotBefore : newNotBefore);
                b.add(committed);
                inFlightRecords.incrementAndGet();
                producer.send(record, b.callback(decided, committed));
            }
            read = batch.token();
            inFlight.add(b);
            if (oldestInFlightMicros == 0 && b.firstCommittedMicros != 0) {
                oldestInFlightMicros = b.firstCommittedMicros;
            }
            b.sealed();
            return previousReadFull;
        }

        /** Moves the position over acknowledged batches at the head; a failed record ends the session. */
        void advance() {
            InFlightBatch head;
            while ((head = inFlight.peek()) != null && head.finished()) {
                if (head.failure != null) {
                    throw new IllegalStateException("the broker did not take a record: " + head.failure, head.failure);
                }
                inFlight.poll();
                acked = head.token;
                positionIndex = head.token == null ? -1 : head.token.getIndex();
                published += head.records;
                dirty = true;
            }
            InFlightBatch next = inFlight.peek();
            oldestInFlightMicros = next == null ? 0 : next.firstCommittedMicros;
            save(false);
        }

        /** Waits until a record is acknowledged (or {@code millis} passed). */
        void awaitProgress(long millis) throws InterruptedException {
            InFlightBatch head = inFlight.peek();
            if (head == null || head.finished()) {
                return;
            }
            synchronized (progress) {
                if (!head.finished()) {
                    progress.wait(millis);
                }
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

    /**
     * The records of one read: finished when the broker acknowledged all of them (completed by
     * the producer's I/O thread), or when one failed.
     */
    private final class InFlightBatch {
        final GapAwareTrackingToken token;
        /** When its records were handed to the producer (µs since the epoch). */
        final long sentMicros = nowMicros();
        /** Records sent plus one until {@link #sealed}: the batch cannot finish while it is being sent. */
        final AtomicInteger pending = new AtomicInteger(1);
        int records;
        long firstCommittedMicros;
        volatile Exception failure;

        InFlightBatch(GapAwareTrackingToken token) {
            this.token = token;
        }

        void add(long committedMicros) {
            if (records++ == 0) {
                firstCommittedMicros = committedMicros;
            }
            pending.incrementAndGet();
        }

        void sealed() {
            done();
        }

        boolean finished() {
            return pending.get() == 0 || failure != null;
        }

        Callback callback(long decidedMicros, long committedMicros) {
            return (RecordMetadata metadata, Exception exception) -> {
                inFlightRecords.decrementAndGet();
                if (exception == null) {
                    long now = nowMicros();
                    long lag = now - committedMicros;
                    if (decidedMicros >= lagsFromMicros) {
                        lags.record(lag);
                        lagsSinceDecided.record(now - decidedMicros);
                        lagsSinceSent.record(now - sentMicros);
                    }
                    acknowledgedListener.accept(lag);
                    acknowledged.incrementAndGet();
                } else if (failure == null) {
                    failure = exception;
                }
                done();
            };
        }

        private void done() {
            if (pending.decrementAndGet() == 0 || failure != null) {
                synchronized (progress) {
                    progress.notifyAll();
                }
            }
        }
    }
}
