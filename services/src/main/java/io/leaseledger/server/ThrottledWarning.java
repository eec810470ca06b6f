package io.leaseledger.server;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A warning that can fire once per packet (the database went away, every decision fails) logged
 * at most once per interval, with the number of occurrences it stood for. The counters in the
 * metrics still see every one; the log stays readable and the packet path does not pay for a log
 * line per packet while it is already in trouble.
 */
final class ThrottledWarning {
    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong nextAllowed;
    private final AtomicLong suppressed = new AtomicLong();

    ThrottledWarning(Logger log, Duration interval, LongSupplier nanoTime) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.nanoTime = nanoTime;
        this.nextAllowed = new AtomicLong(nanoTime.getAsLong());
    }

    /** Logs {@code message} (SLF4J format) now, or counts it toward the next line. */
    void warn(String message, Object... arguments) {
        long now = nanoTime.getAsLong();
        long allowed = nextAllowed.get();
        if (now - allowed < 0 || !nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return;
        }
        long alsoSince = suppressed.getAndSet(0);
        if (alsoSince == 0) {
            log.warn(message, arguments);
        } else {
            log.warn(message + " (and {} more like it since the last such line)", append(arguments, alsoSince));
        }
    }

    private static Object[] append(Object[] arguments, Object last) {
        Object[] all = java.util.Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = last;
        return all;
    }
}
