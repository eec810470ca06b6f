package io.leaseledger.subnet;

import io.leaseledger.events.types.AddressRange;
import io.leaseledger.events.types.Ipv4Address;
import java.util.Comparator;
import java.util.List;

/**
 * The dynamic ranges of a subnet laid end to end as one index space 0..size-1, so that a
 * {@link java.util.BitSet} can stand for "which pool addresses are taken". Immutable; rebuilt
 * when ranges change (rare), looked up on every decision (binary search over the ranges).
 */
final class Pool {

    /** 2^24 addresses (a /8) is more than any DHCP pool; beyond it the bit set would not pay. */
    static final long MAX_SIZE = 1L << 24;

    private final int[] firsts;
    private final long[] starts;
    private final int size;

    Pool(List<AddressRange> dynamicRanges) {
        List<AddressRange> sorted = dynamicRanges.stream().sorted(Comparator.comparing(AddressRange::first)).toList();
        firsts = new int[sorted.size()];
        starts = new long[sorted.size() + 1];
        long total = 0;
        for (int i = 0; i < sorted.size(); i++) {
            firsts[i] = sorted.get(i).first().value();
            starts[i] = total;
            total += sorted.get(i).size();
        }
        starts[sorted.size()] = total;
        if (total > MAX_SIZE) {
            throw new IllegalArgumentException("dynamic ranges hold " + total + " addresses, more than " + MAX_SIZE);
        }
        size = (int) total;
    }

    int size() {
        return size;
    }

    /** The pool index of {@code address}, or -1 when it is in no dynamic range. */
    int indexOf(Ipv4Address address) {
        int lo = 0;
        int hi = firsts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Integer.compareUnsigned(firsts[mid], address.value()) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0) {
            return -1;
        }
        long offset = address.toUnsigned() - Integer.toUnsignedLong(firsts[found]);
        return offset < starts[found + 1] - starts[found] ? (int) (starts[found] + offset) : -1;
    }

    boolean contains(Ipv4Address address) {
        return indexOf(address) >= 0;
    }

    Ipv4Address addressAt(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("pool index " + index + " outside 0.." + (size - 1));
        }
        int lo = 0;
        int hi = firsts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return Ipv4Address.of(firsts[lo]).plus(index - starts[lo]);
    }
}
