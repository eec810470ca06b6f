package io.leaseledger.streaming;

import java.util.Optional;

/**
 * What the publisher is doing, for metrics and health.
 *
 * @param state             connected and publishing, retrying after a failure, or stopped
 * @param acknowledged      records the broker acknowledged since start
 * @param position          global index up to which every event is acknowledged (-1: none yet)
 * @param head              the event store's highest global index (-1: empty)
 * @param inFlight          records sent and not yet acknowledged
 * @param lagP99Micros      99th percentile of event committed → record acknowledged since start
 * @param oldestUnacknowledgedMicros age of the oldest event sent and not yet acknowledged (0: none)
 * @param lastError         the last failure, while retrying
 */
public record PublisherStatus(State state, long acknowledged, long position, long head, int inFlight,
                              long lagP99Micros, long oldestUnacknowledgedMicros, Optional<String> lastError) {

    public enum State { STARTING, PUBLISHING, RETRYING, STOPPED }

    /** Events committed and not yet acknowledged, as far as global indexes tell (gaps make it an upper bound). */
    public long backlog() {
        return Math.max(0, head - position);
    }
}
