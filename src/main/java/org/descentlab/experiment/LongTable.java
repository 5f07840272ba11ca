package org.descentlab.experiment;

import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A table in long form (one row per series and step), filled a row at a time: each figure names its
 * columns once and then appends rows, instead of appending to every column by name.
 */
final class LongTable {

    private final Table table;

    /** An empty table {@code name} with these columns, in order. */
    LongTable(String name, Column<?>... columns) {
        this.table = Table.create(name, columns);
    }

    /**
     * Appends one row: a value per column, in column order (a {@link Number} for numeric columns, a
     * {@link String} or {@link Boolean} for those).
     */
    LongTable row(Object... values) {
        if (values.length != table.columnCount()) {
            throw new IllegalArgumentException("row has " + values.length + " values: must have one per column ("
                    + table.columnCount() + ")");
        }
        for (int i = 0; i < values.length; i++) {
            Column<?> c = table.column(i);
            Object v = values[i];
            if (c instanceof DoubleColumn d) {
                d.append(((Number) v).doubleValue());
            } else if (c instanceof IntColumn n) {
                n.append(((Number) v).intValue());
            } else if (c instanceof LongColumn n) {
                n.append(((Number) v).longValue());
            } else if (c instanceof BooleanColumn b) {
                b.append((Boolean) v);
            } else {
                ((StringColumn) c).append((String) v);
            }
        }
        return this;
    }

    /** The table (not a copy). */
    Table table() {
        return table;
    }
}
