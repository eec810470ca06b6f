package io.leaseledger.streaming;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A daemon thread that runs a session — a Kafka client's life, from connecting to its first
 * failure — again until its owner closes: after a failure it is logged, the owner told, and the
 * next session starts after a pause that doubles with each failure in a row, from
 * {@code firstPause} up to {@code maxPause}. A session that returns normally (its owner closed)
 * ends the thread once {@code closed} says so.
 */
public final class SessionLoop {
    private static final Logger LOG = LoggerFactory.getLogger(SessionLoop.class);

    private SessionLoop() {}

    /**
     * @param what      names the session in the log ("region consumer stopped (…); again in 500 ms")
     * @param failed    told of each failure before the pause (health)
     * @return the thread, started: the owner joins it when it closes
     */
    public static Thread start(String threadName, String what, Duration firstPause, Duration maxPause,
                               BooleanSupplier closed, Runnable session, Consumer<RuntimeException> failed) {
        Thread thread = new Thread(() -> {
            int failures = 0;
            while (!closed.getAsBoolean()) {
                try {
                    session.run();
                    failures = 0;
                } catch (RuntimeException e) {
                    failures++;
                    failed.accept(e);
                    long pause = Math.min(maxPause.toMillis(), firstPause.toMillis() << Math.min(20, failures - 1));
                    LOG.warn("{} stopped ({}); again in {} ms", what, e.toString(), pause);
                    try {
                        Thread.sleep(pause);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Waits at most {@code limit} for a loop whose owner has closed it (null: never started); an
     * interrupt ends the wait and is kept.
     */
    public static void join(Thread thread, Duration limit) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(limit.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
