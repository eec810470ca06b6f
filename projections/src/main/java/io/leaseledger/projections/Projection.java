package io.leaseledger.projections;

import org.jooq.DSLContext;
import org.jooq.Table;

import java.util.List;

/**
 * A read model fed events one at a time, in log order, by a {@link ProjectionRunner}. The runner
 * calls, inside one transaction per batch: {@link #begin}, {@link #apply} for every event, then
 * {@link #flush}. A projection may keep state in memory between batches (that is what makes a
 * batch cheap), loaded from its own tables in {@code begin}; after a failed batch the runner
 * calls {@link #forget} and the next {@code begin} reloads it. Applying the same events to the
 * same tables gives the same rows: every write is keyed (subnet + address, subnet + sequence).
 */
public interface Projection {

    /** The name operators use ({@code leaseledger projections rebuild NAME}). */
    String name();

    /** The tables this projection owns alone, emptied by a rebuild. */
    List<Table<?>> tables();

    /** Start of a batch: load what the projection keeps in memory, if it is not loaded. */
    void begin(DSLContext tx);

    /** One event; writes may be buffered until {@link #flush}. */
    void apply(StoredEvent event);

    /** Writes what the batch changed, in the batch's transaction. */
    void flush(DSLContext tx);

    /** Drops the in-memory state (a batch failed, or the tables were emptied). */
    void forget();

    /**
     * Buffered rows that no later event can change any more (a log row, a closed interval, a
     * past minute): a rebuild writes them as they pile up, and keeps the rest (current state)
     * in memory to write once at the end. Zero for a projection that keeps everything.
     */
    default int finalRowsPending() {
        return 0;
    }

    /**
     * Writes the rows {@link #finalRowsPending} counts and drops them from the buffer; the rest
     * stays buffered for {@link #flush}.
     */
    default void flushFinal(DSLContext tx) {
    }
}
