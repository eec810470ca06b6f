package io.leaseledger.projections.query;

import java.util.List;

/** Items of one page and the cursor of the next ({@code null} when this was the last page). */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return nextCursor != null;
    }
}
