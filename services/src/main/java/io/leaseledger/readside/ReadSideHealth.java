package io.leaseledger.readside;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether a node's projections follow their source (the event store, or a region's Kafka
 * topics): {@code GET /health} reports it. Projections that cannot write (their database is
 * full or gone) leave the DHCP path serving, but every read of the API grows stale.
 */
public interface ReadSideHealth {
    /**
     * @param failingFor since the first failed attempt without a successful one after it
     * @param cause      the latest failure, in one line
     */
    record Failing(Duration failingFor, String cause) {}

    /** Empty while the projections follow their source. */
    Optional<Failing> failing();
}
