package io.leaseledger.store;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AbstractSnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTrigger;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;

/**
 * Snapshots an aggregate once the events applied since its last snapshot (or since it was
 * loaded) reach {@code max(minEvents, ratio × size of the last snapshot)}.
 *
 * <p>Why it grows with the state: writing a snapshot of a /16 costs as much as tens of
 * thousands of events; a fixed threshold would snapshot a large subnet more often than the
 * replays it saves. With the threshold proportional to the state, a snapshot costs at most
 * {@code 1/ratio} per event, and a restart replays at most {@code ratio} times the state.
 *
 * <p>Axon schedules the snapshot after the unit of work commits, on the snapshotter's own
 * executor: the packet path never waits for one.
 */
public final class GrowingSnapshotTriggerDefinition implements SnapshotTriggerDefinition {
    private final Snapshotter snapshotter;
    private final SnapshotSizes sizes;
    private final int minEvents;
    private final double ratio;

    public GrowingSnapshotTriggerDefinition(Snapshotter snapshotter, SnapshotSizes sizes, int minEvents, double ratio) {
        this.snapshotter = snapshotter;
        this.sizes = sizes;
        this.minEvents = minEvents;
        this.ratio = ratio;
    }

    /** The number of events after which an aggregate whose last snapshot held {@code size} entries is snapshotted. */
    public long threshold(int size) {
        return Math.max(minEvents, (long) Math.ceil(ratio * size));
    }

    @Override
    public SnapshotTrigger prepareTrigger(Class<?> aggregateType) {
        return new Trigger(snapshotter, aggregateType, this);
    }

    @Override
    public SnapshotTrigger reconfigure(Class<?> aggregateType, SnapshotTrigger trigger) {
        if (trigger instanceof Trigger t) {
            t.setSnapshotter(snapshotter);
            t.definition = this;
            return t;
        }
        return prepareTrigger(aggregateType);
    }

    private static final class Trigger extends AbstractSnapshotTrigger {
        private final Class<?> aggregateType;
        private transient GrowingSnapshotTriggerDefinition definition;
        private String aggregateIdentifier;
        private long counter;

        private Trigger(Snapshotter snapshotter, Class<?> aggregateType, GrowingSnapshotTriggerDefinition definition) {
            super(snapshotter, aggregateType);
            this.aggregateType = aggregateType;
            this.definition = definition;
        }

        @Override
        public void eventHandled(EventMessage<?> message) {
            if (message instanceof DomainEventMessage<?> domain) {
                aggregateIdentifier = domain.getAggregateIdentifier();
                if (aggregateType.isInstance(domain.getPayload())) {
                    // The snapshot this aggregate was loaded from: learn its size, count from here.
                    if (domain.getPayload() instanceof SnapshotSized sized) {
                        definition.sizes.record(aggregateIdentifier, sized.snapshotSize());
                    }
                    counter = 0;
                    return;
                }
            }
            super.eventHandled(message);
        }

        @Override
        protected boolean exceedsThreshold() {
            counter++;
            int size = aggregateIdentifier == null ? 0 : definition.sizes.lastSize(aggregateIdentifier);
            return counter >= definition.threshold(size);
        }

        @Override
        protected void reset() {
            counter = 0;
        }
    }
}
