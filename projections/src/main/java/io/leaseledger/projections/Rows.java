package io.leaseledger.projections;

import org.jooq.BatchBindStep;
import org.jooq.Condition;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableRecord;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
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

    /**
     * One configuration for the records the projections make: a record without one makes a new
     * {@code DefaultConfiguration} (settings copied) each time a key field is set, which was a
     * fifth of everything a rebuild allocated.
     */
    private static final Configuration RECORDS = new DefaultConfiguration();

    /** {@code record}, attached to the projections' record configuration (set its fields after this). */
    static <R extends Record> R attached(R record) {
        record.attach(RECORDS);
        return record;
    }

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

    /**
     * Inserts plain rows of {@code table}: each array holds a row's values in the order of the
     * table's fields ({@link Table#fields()}, as {@link Table#indexOf} numbers them). For the
     * rows a projection only ever inserts: filling a jOOQ record (its value, original and
     * changed-flag arrays, a check per field set) cost more than H2's insert of it.
     */
    static void insertValues(DSLContext tx, Table<?> table, List<Object[]> rows) {
        insertRows(tx, table, rows, (row, i) -> row[i]);
    }

    private static Map<Table<?>, List<Record>> byTable(Collection<? extends TableRecord<?>> records) {
        Map<Table<?>, List<Record>> groups = new LinkedHashMap<>();
        for (TableRecord<?> r : records) {
            groups.computeIfAbsent(r.getTable(), t -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /** {@link #merge} for plain rows of {@code table} ({@link #insertValues}). */
    static void mergeValues(DSLContext tx, Table<?> table, List<Object[]> rows) {
        deleteRows(tx, table, rows, (row, i) -> row[i]);
        insertValues(tx, table, rows);
    }

    /** {@link #delete} for plain rows of {@code table} ({@link #insertValues}): by the primary key's values. */
    static void deleteValues(DSLContext tx, Table<?> table, List<Object[]> rows) {
        deleteRows(tx, table, rows, (row, i) -> row[i]);
    }

    /** Rows bound before a JDBC batch is sent (one statement, many executions). */
    private static final int JDBC_BATCH = 5_000;

    /**
     * Plain JDBC on the transaction's connection: binding values through jOOQ cost more than
     * the database's work for the rebuild's large batches. The values are the record's, by
     * column index.
     */
    private static void insertRows(DSLContext tx, Table<?> table, List<Record> rows) {
        insertRows(tx, table, rows, Record::get);
    }

    /** A row's value by column index. */
    private interface ValueAt<T> {
        Object get(T row, int index);
    }

    private static <T> void insertRows(DSLContext tx, Table<?> table, List<T> rows, ValueAt<T> values) {
        if (rows.isEmpty()) {
            return;
        }
        Field<?>[] fields = table.fields();
        StringBuilder sql = new StringBuilder("INSERT INTO \"").append(table.getName()).append("\" (");
        for (int i = 0; i < fields.length; i++) {
            sql.append(i == 0 ? "" : ", ").append('"').append(fields[i].getName()).append('"');
        }
        sql.append(") VALUES (").append("?, ".repeat(fields.length - 1)).append("?)");
        tx.connection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql.toString())) {
                int pending = 0;
                for (T r : rows) {
                    for (int i = 0; i < fields.length; i++) {
                        bind(insert, i + 1, values.get(r, i));
                    }
                    insert.addBatch();
                    if (++pending == JDBC_BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
        });
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        switch (value) {
            // Untyped: PostgreSQL takes the column's type (a typed null must match it), H2 any.
            case null -> statement.setNull(index, Types.NULL);
            case String v -> statement.setString(index, v);
            case Long v -> statement.setLong(index, v);
            case Integer v -> statement.setInt(index, v);
            case Boolean v -> statement.setBoolean(index, v);
            default -> statement.setObject(index, value);   // OffsetDateTime: TIMESTAMP WITH TIME ZONE
        }
    }

    private static void deleteRows(DSLContext tx, Table<?> table, List<Record> rows) {
        deleteRows(tx, table, rows, Record::get);
    }

    private static <T> void deleteRows(DSLContext tx, Table<?> table, List<T> rows, ValueAt<T> valueAt) {
        if (rows.isEmpty()) {
            return;
        }
        List<? extends Field<?>> key = table.getPrimaryKey().getFields();
        int[] columns = new int[key.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = table.indexOf(key.get(i));
        }
        Condition where = DSL.trueCondition();
        for (Field<?> f : key) {
            where = where.and(eqParam(f));
        }
        BatchBindStep batch = tx.batch(tx.deleteFrom(table).where(where));
        for (T r : rows) {
            Object[] values = new Object[key.size()];
            for (int i = 0; i < key.size(); i++) {
                values[i] = valueAt.get(r, columns[i]);
            }
            batch = batch.bind(values);
        }
        batch.execute();
    }

    private static <T> Condition eqParam(Field<T> field) {
        return field.eq(DSL.val(null, field));
    }
}
