package io.leaseledger.store;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;

import java.util.concurrent.atomic.LongAdder;

/**
 * Axon's {@link AggregateSnapshotter}, noting the size of every snapshot it writes so that
 * {@link GrowingSnapshotTriggerDefinition} can space the next one, and counting them.
 */
public final class SizingSnapshotter extends AggregateSnapshotter {
    private final SnapshotSizes sizes;
    private final LongAdder taken = new LongAdder();

    public SizingSnapshotter(AggregateSnapshotter.Builder builder, SnapshotSizes sizes) {
        super(builder);
        this.sizes = sizes;
    }

    @Override
    protected DomainEventMessage createSnapshot(Class<?> aggregateType, String aggregateIdentifier,
                                                DomainEventStream eventStream) {
        DomainEventMessage<?> snapshot = super.createSnapshot(aggregateType, aggregateIdentifier, eventStream);
        if (snapshot != null) {
            if (snapshot.getPayload() instanceof SnapshotSized sized) {
                sizes.record(aggregateIdentifier, sized.snapshotSize());
            }
            taken.increment();
        }
        return snapshot;
    }

    /** Snapshots created since start (each is stored right after). */
    public long snapshotsTaken() {
        return taken.sum();
    }
}
