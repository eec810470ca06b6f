package io.leaseledger.projections;

import java.time.Instant;
import java.util.Objects;

/**
 * One event as a projection receives it, whatever the source (the local Axon event store, a
 * Kafka topic): its id, the subnet (aggregate) it belongs to, its sequence number in that
 * subnet's stream (0, 1, 2, ...), when it was stored, and the deserialised payload (normally a
 * {@link io.leaseledger.events.subnet.SubnetEvent}; anything else is passed over).
 */
public record StoredEvent(String eventId, String subnet, long sequenceNumber, Instant timestamp, Object payload) {

    public StoredEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(subnet, "subnet");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(payload, "payload");
        if (sequenceNumber < 0) {
            throw new IllegalArgumentException("sequence number must be >= 0, got " + sequenceNumber);
        }
    }
}
