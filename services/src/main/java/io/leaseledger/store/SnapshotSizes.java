package io.leaseledger.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The size of each aggregate's latest snapshot, shared by the snapshotter (which learns it
 * when it writes a snapshot) and the triggers (which learn it when an aggregate is loaded from
 * one). A trigger cannot see its aggregate, so this is how it knows how large the state is.
 */
public final class SnapshotSizes {
    private final Map<String, Integer> sizes = new ConcurrentHashMap<>();

    void record(String aggregateIdentifier, int size) {
        sizes.put(aggregateIdentifier, size);
    }

    /** Size of the last snapshot of this aggregate, 0 when none is known. */
    public int lastSize(String aggregateIdentifier) {
        return sizes.getOrDefault(aggregateIdentifier, 0);
    }
}
