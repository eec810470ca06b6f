package io.leaseledger.projections;

import org.jooq.DSLContext;
import org.jooq.Field;
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
 * produces the same tables as the live projection" compares. A row number of the table's own
 * (a primary key {@code id}: the order in which this database applied the events, which two
 * sources may interleave differently across subnets) is not content: it is left out and those
 * rows are compared in the order of their values.
 */
public final class TableContents {
    private TableContents() {}

    /** Table name to its rows (each row its values in column order), every table in key order. */
    public static Map<String, List<List<Object>>> of(DSLContext db, Projection projection) {
        Map<String, List<List<Object>>> contents = new LinkedHashMap<>();
        for (Table<?> table : projection.tables()) {
            boolean keyed = table.getPrimaryKey() != null && !rowNumbered(table);
            List<Field<?>> fields = Arrays.stream(table.fields()).filter(f -> keyed || !isRowNumber(table, f)).toList();
            var query = keyed
                    ? db.select(fields).from(table).orderBy(table.getPrimaryKey().getFields())
                    : db.select(fields).from(table);
            List<List<Object>> rows = new ArrayList<>();
            for (Record r : query.fetch()) {
                rows.add(Arrays.asList(r.intoArray()));
            }
            if (!keyed) {
                rows.sort(Comparator.comparing(Object::toString));
            }
            contents.put(table.getName(), rows);
        }
        return contents;
    }

    private static boolean rowNumbered(Table<?> table) {
        var key = table.getPrimaryKey().getFields();
        return key.size() == 1 && isRowNumber(table, key.getFirst());
    }

    private static boolean isRowNumber(Table<?> table, Field<?> field) {
        return table.getPrimaryKey() != null && field.getName().equals("id")
                && table.getPrimaryKey().getFields().equals(List.of(field));
    }
}
