package io.leaseledger.cli;

import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What {@code tail} (Kafka) and {@code events} (a node's API) share: the filters and the bounds of a follow. */
final class StreamOptions {
    @Option(names = "--subnet", paramLabel = "CIDR", description = "Only this subnet (repeatable).")
    List<String> subnets = new ArrayList<>();

    @Option(names = "--mac", paramLabel = "MAC", description = "Only events about this hardware address.")
    String mac;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only this event type, e.g. LeaseGranted (repeatable).")
    List<String> types = new ArrayList<>();

    @Option(names = "--max", paramLabel = "N", description = "Stop after N events printed.")
    Long max;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "Stop after this long: 30s, 5m, 1h (or seconds).")
    String timeout;

    /** {@code --max}, checked; {@link IllegalArgumentException} naming it when below 1. */
    Optional<Long> max() {
        if (max != null && max < 1) {
            throw new IllegalArgumentException("--max " + max + ": at least 1");
        }
        return Optional.ofNullable(max);
    }

    /** {@code --timeout}, parsed; {@link IllegalArgumentException} naming it when it is not a duration. */
    Optional<Duration> timeout() {
        if (timeout == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(io.leaseledger.config.Durations.parse(timeout));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--timeout " + timeout + ": a duration such as 30s, 5m or 1h");
        }
    }
}
