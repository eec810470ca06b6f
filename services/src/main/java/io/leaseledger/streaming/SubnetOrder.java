package io.leaseledger.streaming;

import io.leaseledger.projections.StoredEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Puts each subnet's events back into one gapless order from the two topics (and from
 * redeliveries): an event is released when its sequence number is the next one its subnet
 * expects; later ones wait for the missing ones; earlier ones are duplicates and dropped.
 * Not thread-safe: one consumer thread.
 */
final class SubnetOrder {
    /** An event read and its place in Kafka, so the offsets stored never pass an event still waiting. */
    record Read(StoredEvent event, String topic, int partition, long offset) {}

    private final Map<String, Long> next = new HashMap<>();
    private final Map<String, TreeMap<Long, Read>> waiting = new HashMap<>();
    private long duplicates;

    /** @param applied the last sequence number applied per subnet (nothing: from 0) */
    SubnetOrder(Map<String, Long> applied) {
        applied.forEach((subnet, last) -> next.put(subnet, last + 1));
    }

    /** Takes one read event; returns the events now released, in order (possibly none). */
    List<StoredEvent> offer(Read read) {
        String subnet = read.event().subnet();
        long expected = next.getOrDefault(subnet, 0L);
        long sequence = read.event().sequenceNumber();
        if (sequence < expected) {
            duplicates++;
            return List.of();
        }
        TreeMap<Long, Read> held = waiting.computeIfAbsent(subnet, s -> new TreeMap<>());
        if (held.putIfAbsent(sequence, read) != null) {
            duplicates++;
        }
        List<StoredEvent> released = new ArrayList<>();
        Read head;
        while ((head = held.get(expected)) != null) {
            held.remove(expected);
            released.add(head.event());
            expected++;
        }
        next.put(subnet, expected);
        if (held.isEmpty()) {
            waiting.remove(subnet);
        }
        return released;
    }

    /** Per topic-partition, the lowest offset of an event still waiting: stored offsets must stop there. */
    Map<String, Long> lowestWaitingOffsets() {
        Map<String, Long> lowest = new HashMap<>();
        for (TreeMap<Long, Read> held : waiting.values()) {
            for (Read r : held.values()) {
                lowest.merge(r.topic() + ":" + r.partition(), r.offset(), Math::min);
            }
        }
        return lowest;
    }

    int waitingCount() {
        return waiting.values().stream().mapToInt(Map::size).sum();
    }

    long duplicates() {
        return duplicates;
    }
}
