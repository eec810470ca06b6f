package io.leaseledger.projections.query;

/**
 * One page of a listing: at most {@code limit} items (1..{@value #MAX_LIMIT}) after
 * {@code cursor}, the {@link Page#nextCursor()} of the page before (null for the first page).
 * Cursors are opaque, stable under inserts (keyset paging, not offsets).
 */
public record PageRequest(int limit, String cursor) {
    public static final int MAX_LIMIT = 10_000;
    public static final int DEFAULT_LIMIT = 100;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("page limit must be 1.." + MAX_LIMIT + ", got " + limit);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }

    public static PageRequest firstPage() {
        return new PageRequest(DEFAULT_LIMIT, null);
    }
}
