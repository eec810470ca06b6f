package io.leaseledger.streaming;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Publish lags (event committed → record acknowledged) in 100 µs buckets up to 10 s, plus one
 * bucket above; lock-free to record from the producer's I/O thread. Percentiles are the upper
 * edge of their bucket (never optimistic by more than 100 µs).
 */
public final class LagHistogram {
    static final long BUCKET_MICROS = 100;
    static final int BUCKETS = 100_000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);
    private final LongAdder total = new LongAdder();
    private volatile long maxMicros;

    public void record(long lagMicros) {
        long clamped = Math.max(0, lagMicros);
        int bucket = (int) Math.min(BUCKETS, clamped / BUCKET_MICROS);
        counts.incrementAndGet(bucket);
        total.increment();
        if (clamped > maxMicros) {
            maxMicros = clamped; // racy maximum: good enough for a gauge
        }
    }

    /** Forgets everything recorded (a benchmark's warm-up); records racing with it may land on either side. */
    public void reset() {
        for (int i = 0; i <= BUCKETS; i++) {
            counts.set(i, 0);
        }
        total.reset();
        maxMicros = 0;
    }

    public long count() {
        return total.sum();
    }

    public long maxMicros() {
        return maxMicros;
    }

    /** The lag under which {@code quantile} (0..1) of the recorded lags fall, in µs; 0 when empty. */
    public long percentileMicros(double quantile) {
        long n = count();
        if (n == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(quantile * n);
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return i == BUCKETS ? maxMicros : (i + 1) * BUCKET_MICROS;
            }
        }
        return maxMicros;
    }
}
