package io.leaseledger.subnet;

/**
 * Proposes pool addresses nobody holds, starting at the subnet's cursor and wrapping around
 * once (Kea's iterative allocator). It does not judge them: {@link AllocationPolicy} checks
 * every candidate. O(1) amortised per candidate: the taken-bit set skips held addresses a
 * word (64 addresses) at a time.
 */
final class IterativePicker {

    private final SubnetState state;
    private final int start;
    private int next;
    private boolean wrapped;

    IterativePicker(SubnetState state) {
        this.state = state;
        int size = state.pool().size();
        this.start = size == 0 ? 0 : Math.floorMod(state.cursor(), size);
        this.next = start;
    }

    /** The pool index of the next candidate, or -1 when the pass is over. */
    int next() {
        if (state.pool().size() == 0) {
            return -1;
        }
        int index = state.nextUntaken(next);
        if (!wrapped && index < 0) {
            wrapped = true;
            index = state.nextUntaken(0);
        }
        if (index < 0 || (wrapped && index >= start)) {
            return -1;
        }
        if (!wrapped && index < start) {
            return -1;
        }
        next = index + 1;
        if (!wrapped && next >= state.pool().size()) {
            wrapped = true;
            next = 0;
        }
        return index;
    }
}
