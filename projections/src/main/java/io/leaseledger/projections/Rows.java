package io.leaseledger.projections;

import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes of a batch as JDBC batches: one prepared statement per table and kind of write, rendered
 * once, the rows bound to it (jOOQ's record batches render a statement per record, which costs
 * more than the database's work). An upsert is a delete by primary key followed by an insert,
 * the same SQL on H2 and PostgreSQL; both run inside the batch's transaction.
 */
final class Rows {
    private Rows() {}

    /** Replaces (or creates) each row by its primary key; every field is written. */
    static void merge(DSLContext tx, Collection<? extends UpdatableRecord<?>> records) {
        for (var group : byTable(records).entrySet()) {
            deleteRows(tx, group.getKey(), group.getValue());
            insertRows(tx, group.getKey(), group.getValue());
        }
    }

    /** Deletes each row by its primary key (the other fields are not read). */
    static void delete(DSLContext tx, Collection<? extends UpdatableRecord<?>> records) {
        for (var group : byTable(records).entrySet()) {
            deleteRows(tx, group.getKey(), group.getValue());
        }
    }

    static void insert(DSLContext tx, Collection<? extends TableRecord<?>> records) {
        for (var group : byTable(records).entrySet()) {
            insertRows(tx, group.getKey(), group.getValue());
        }
    }

    private static Map<Table<?>, List<Record>> byTable(Collection<? extends TableRecord<?>> records) {
        Map<Table<?>, List<Record>> groups = new LinkedHashMap<>();
        for (TableRecord<?> r : records) {
            groups.computeIfAbsent(r.getTable(), t -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    private static void insertRows(DSLContext tx, Table<?> table, List<Record> rows) {
        Field<?>[] fields = table.fields();
        List<Param<?>> params = new ArrayList<>(fields.length);
        for (Field<?> f : fields) {
            params.add(DSL.val(null, f));
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        BatchBindStep batch = tx.batch(tx.insertInto((Table) table, fields).values(params));
        for (Record r : rows) {
            Object[] values = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                values[i] = r.get(fields[i]);
            }
            batch = batch.bind(values);
        }
        batch.execute();
    }

    private static void deleteRows(DSLContext tx, Table<?> table, List<Record> rows) {
        List<? extends Field<?>> key = table.getPrimaryKey().getFields();
        Condition where = DSL.trueCondition();
        for (Field<?> f : key) {
            where = where.and(eqParam(f));
        }
        BatchBindStep batch = tx.batch(tx.deleteFrom(table).where(where));
        for (Record r : rows) {
            Object[] values = new Object[key.size()];
            for (int i = 0; i < key.size(); i++) {
                values[i] = r.get(key.get(i));
            }
            batch = batch.bind(values);
        }
        batch.execute();
    }

    private static <T> Condition eqParam(Field<T> field) {
        return field.eq(DSL.val(null, field));
    }
}
