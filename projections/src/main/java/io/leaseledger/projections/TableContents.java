package io.leaseledger.projections;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a projection's tables as plain values, in primary-key order: what "a rebuild
 * produces the same tables as the live projection" compares.
 */
public final class TableContents {
    private TableContents() {}

    /** Table name to its rows (each row its values in column order), every table in key order. */
    public static Map<String, List<List<Object>>> of(DSLContext db, Projection projection) {
        Map<String, List<List<Object>>> contents = new LinkedHashMap<>();
        for (Table<?> table : projection.tables()) {
            var query = table.getPrimaryKey() == null
                    ? db.selectFrom(table)
                    : db.selectFrom(table).orderBy(table.getPrimaryKey().getFields());
            List<List<Object>> rows = new ArrayList<>();
            for (Record r : query.fetch()) {
                rows.add(Arrays.asList(r.intoArray()));
            }
            if (table.getPrimaryKey() == null) {
                rows.sort(Comparator.comparing(Object::toString));
            }
            contents.put(table.getName(), rows);
        }
        return contents;
    }
}
