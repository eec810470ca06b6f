package io.leaseledger.store;

import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * An aggregate cache that keeps every entry until Axon removes it. There is one aggregate per
 * configured subnet, a handful, and each may hold 65k leases: rebuilding one after the garbage
 * collector cleared a {@code WeakReferenceCache} entry would stall its subnet for a snapshot
 * read and a replay, so the hot aggregates stay pinned. Axon still removes an entry when a unit
 * of work that changed it rolls back, so a failed commit never leaves uncommitted state here.
 */
public final class PinnedAggregateCache implements Cache {
    private final Map<Object, Object> entries = new ConcurrentHashMap<>();
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = entries.get(key);
        if (value != null) {
            listeners.forEach(l -> l.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        Object previous = entries.put(key, value);
        if (previous == null) {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        } else {
            listeners.forEach(l -> l.onEntryUpdated(key, value));
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        boolean added = entries.putIfAbsent(key, value) == null;
        if (added) {
            listeners.forEach(l -> l.onEntryCreated(key, value));
        }
        return added;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        return (T) entries.computeIfAbsent(key, k -> {
            T value = valueSupplier.get();
            listeners.forEach(l -> l.onEntryCreated(k, value));
            return value;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (k, v) -> {
            V value = update.apply((V) v);
            if (value == null) {
                listeners.forEach(l -> l.onEntryRemoved(k));
            } else {
                listeners.forEach(l -> l.onEntryUpdated(k, value));
            }
            return value;
        });
    }

    @Override
    public boolean remove(Object key) {
        boolean removed = entries.remove(key) != null;
        if (removed) {
            listeners.forEach(l -> l.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        for (Object key : List.copyOf(entries.keySet())) {
            remove(key);
        }
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
