package io.leaseledger.groupcommit;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which subnets cannot commit right now: a subnet is failing from its first batch that failed
 * (its command threw: the store refused the commit, the database is gone, a bug in a decision)
 * until its next batch commits. For {@code GET /health}: a node whose store has stopped taking
 * commits (a full disk) answers no client, and must not look healthy while it does.
 */
public final class CommitHealth {
    /** Since when, and the latest failure, of one failing subnet. */
    private record Failing(long sinceNanos, String cause) {}

    /**
     * @param subnet     the failing subnet
     * @param failingFor since its first failed batch without a committed one after it
     * @param cause      the latest failure, in one line
     */
    public record Failure(String subnet, Duration failingFor, String cause) {}

    private final Map<String, Failing> failing = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public CommitHealth(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * A batch of {@code subnet} committed. The mailbox calls this (and {@link #failed}) before the
     * batch's futures complete, so whoever learns the outcome sees the health that goes with it.
     * On the commit path: an emptiness check while nothing fails, no allocation.
     */
    void committed(String subnet) {
        if (!failing.isEmpty()) {
            failing.remove(subnet);
        }
    }

    /** A batch of {@code subnet} failed with {@code cause}. */
    void failed(String subnet, Throwable cause) {
        String line = describe(cause);
        failing.compute(subnet, (s, was) -> new Failing(was == null ? nanoTime.getAsLong() : was.sinceNanos(), line));
    }

    /** The failing subnets, longest failing first; empty while every subnet's latest batch committed. */
    public List<Failure> failures() {
        long now = nanoTime.getAsLong();
        return failing.entrySet().stream()
                .map(e -> new Failure(e.getKey(), Duration.ofNanos(Math.max(0, now - e.getValue().sinceNanos())),
                        e.getValue().cause()))
                .sorted(Comparator.comparing(Failure::failingFor).reversed().thenComparing(Failure::subnet))
                .toList();
    }

    /** The failure and its first cause, on one line: what an operator needs to know where to look. */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String line = root == failure ? oneLine(failure) : oneLine(failure) + " (caused by " + oneLine(root) + ")";
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    private static String oneLine(Throwable t) {
        String message = String.valueOf(t.getMessage());
        return t.getClass().getSimpleName() + ": " + message.lines().findFirst().orElse("");
    }
}
