package io.leaseledger.store;

/**
 * Implemented by an aggregate whose state grows (a subnet's leases): its size decides how many
 * events may pass before the next snapshot ({@link StoreSettings.Snapshots}). An aggregate that
 * does not implement it is snapshotted every {@code min-events} events.
 */
public interface SnapshotSized {
    /** The number of entries the snapshot holds, e.g. leases plus remembered clients. */
    int snapshotSize();
}
