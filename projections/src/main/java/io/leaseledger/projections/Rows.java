package io.leaseledger.projections;

import org.jooq.DSLContext;
import org.jooq.TableRecord;
import org.jooq.UpdatableRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes of a batch, as JDBC batches: one prepared statement per table and kind of write, the
 * rows bound to it. Every field is written (a merged row replaces the stored one entirely).
 */
final class Rows {
    private Rows() {}

    static void merge(DSLContext tx, Collection<? extends UpdatableRecord<?>> records) {
        if (records.isEmpty()) {
            return;
        }
        List<UpdatableRecord<?>> all = new ArrayList<>(records.size());
        for (UpdatableRecord<?> r : records) {
            r.changed(true);
            all.add(r);
        }
        tx.batchMerge(all).execute();
    }

    static void delete(DSLContext tx, Collection<? extends UpdatableRecord<?>> records) {
        if (!records.isEmpty()) {
            tx.batchDelete(List.copyOf(records)).execute();
        }
    }

    static void insert(DSLContext tx, Collection<? extends TableRecord<?>> records) {
        if (!records.isEmpty()) {
            tx.batchInsert(List.copyOf(records)).execute();
        }
    }
}
