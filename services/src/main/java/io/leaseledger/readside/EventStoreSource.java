package io.leaseledger.readside;

import io.leaseledger.projections.SourcePosition;
import io.leaseledger.projections.StoredEvent;
import io.leaseledger.store.AxonStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The local Axon event store as a projection source: reads the events after a position, in
 * global order, and hands them on in batches with the position after each batch.
 */
public final class EventStoreSource {
    /** The source name kept in {@code projection_position.source}. */
    public static final String NAME = "event-store";

    private final AxonStore store;

    public EventStoreSource(AxonStore store) {
        this.store = store;
    }

    /**
     * Reads every event after {@code from} (empty: from the first) up to the log's end as of the
     * call, and passes them to {@code batches} in batches of at most {@code batchSize}, each with
     * the position after its last event. Returns the events read.
     */
    public long readAfter(Optional<SourcePosition> from, int batchSize, BiConsumer<List<StoredEvent>, SourcePosition> batches) {
        TrackingToken token = from.filter(p -> p.source().equals(NAME)).map(p -> TrackingTokens.decode(p.token())).orElse(null);
        long read = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = store.readEvents(token)) {
            List<StoredEvent> batch = new ArrayList<>(batchSize);
            TrackingToken last = null;
            int sinceLastBatch = 0;
            Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
            while (it.hasNext()) {
                TrackedEventMessage<?> message = it.next();
                last = message.trackingToken();
                stored(message).ifPresent(batch::add);
                read++;
                if (++sinceLastBatch >= batchSize) {
                    batches.accept(batch, new SourcePosition(NAME, TrackingTokens.encode(last)));
                    batch = new ArrayList<>(batchSize);
                    sinceLastBatch = 0;
                }
            }
            if (sinceLastBatch > 0) {
                // The rest, even if none of it was a subnet event: the position still moves on.
                batches.accept(batch, new SourcePosition(NAME, TrackingTokens.encode(last)));
            }
        }
        return read;
    }

    /** Events of aggregates (subnets) only: anything else carries no subnet and sequence. */
    private static Optional<StoredEvent> stored(TrackedEventMessage<?> message) {
        if (!(message instanceof DomainEventMessage<?> domain) || domain.getAggregateIdentifier() == null) {
            return Optional.empty();
        }
        return Optional.of(new StoredEvent(message.getIdentifier(), domain.getAggregateIdentifier(),
                domain.getSequenceNumber(), message.getTimestamp(), message.getPayload()));
    }
}
