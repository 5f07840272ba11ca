package org.descentlab.plot;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Reads Tablesaw columns for the figures, with errors that name the table and column. */
final class Columns {

    private Columns() {}

    /** The column's values as doubles; missing values become NaN. */
    static double[] numbers(Table table, String column) {
        Column<?> c = column(table, column);
        if (!(c instanceof NumericColumn<?> n)) {
            throw new IllegalArgumentException("column '" + column + "' of table '" + table.name()
                    + "' must be numeric, but is " + c.type().name());
        }
        double[] v = new double[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.isMissing(i) ? Double.NaN : n.getDouble(i);
        }
        return v;
    }

    /** The column's values as strings (numbers printed as Tablesaw prints them). */
    static String[] strings(Table table, String column) {
        Column<?> c = column(table, column);
        String[] v = new String[c.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = c.getString(i);
        }
        return v;
    }

    private static Column<?> column(Table table, String column) {
        if (table == null) {
            throw new IllegalArgumentException("table must not be null");
        }
        if (column == null || !table.containsColumn(column)) {
            throw new IllegalArgumentException("table '" + table.name() + "' has no column '" + column
                    + "'; its columns are " + table.columnNames());
        }
        return table.column(column);
    }
}
