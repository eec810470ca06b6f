package io.leaseledger.subnet;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Addresses ordered by when something about them ends (a lease, an offer, a probation), so
 * reclamation and reuse find the oldest due address in O(log n) instead of scanning a /16.
 * One entry per address: putting an address again moves it.
 */
final class ExpiryIndex {

    record Due(Instant when, int address) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byTime = when.compareTo(other.when);
            return byTime != 0 ? byTime : Integer.compareUnsigned(address, other.address);
        }
    }

    private final TreeSet<Due> ordered = new TreeSet<>();
    private final Map<Integer, Instant> byAddress = new HashMap<>();

    void put(int address, Instant when) {
        Instant previous = byAddress.put(address, when);
        if (previous != null) {
            ordered.remove(new Due(previous, address));
        }
        ordered.add(new Due(when, address));
    }

    void remove(int address) {
        Instant previous = byAddress.remove(address);
        if (previous != null) {
            ordered.remove(new Due(previous, address));
        }
    }

    /** The earliest entry, or null when empty. */
    Due first() {
        return ordered.isEmpty() ? null : ordered.first();
    }

    /** The earliest entry due at {@code at} ({@code when} strictly before, or also equal if inclusive), or null. */
    Due firstDue(Instant at, boolean inclusive) {
        Due first = first();
        if (first == null) {
            return null;
        }
        int cmp = first.when().compareTo(at);
        return cmp < 0 || (inclusive && cmp == 0) ? first : null;
    }

    /** Entries due at {@code at}, oldest first (a live view: do not mutate while iterating). */
    Iterable<Due> due(Instant at, boolean inclusive) {
        return ordered.headSet(new Due(at, inclusive ? -1 : 0), inclusive);
    }

    int size() {
        return byAddress.size();
    }
}
