package org.descentlab.notebook;

import org.descentlab.util.Check;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Tablesaw {@link Table} as a notebook shows it: an HTML table with numbers to {@value #DIGITS}
 * significant digits (the table keeps the exact values; {@code 0.8999999999999999} shows as
 * {@code 0.9}), and a short text form (name, size, column names, the first rows) for consoles, text
 * exports and screen readers. Long tables show their first and last rows.
 */
public final class HtmlTable {

    /** Significant digits shown for a floating-point cell. */
    public static final int DIGITS = 6;
    /** Tables with more rows than this show only the first {@link #HEAD} and last {@link #TAIL}. */
    static final int MAX_ROWS = 40;
    static final int HEAD = 20;
    static final int TAIL = 10;
    /** Rows and line width of the text form. */
    static final int TEXT_ROWS = 5;
    static final int TEXT_WIDTH = 100;

    private HtmlTable() {}

    /** One cell as shown: doubles and floats rounded to {@value #DIGITS} significant digits. */
    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double || value instanceof Float) {
            return number(((Number) value).doubleValue());
        }
        return value.toString();
    }

    /** {@code v} to {@value #DIGITS} significant digits, without trailing zeros; non-finite values as NaN, ∞, -∞. */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : v > 0 ? "∞" : "-∞";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e9) {
            return new BigDecimal(v).round(new MathContext(DIGITS)).stripTrailingZeros().toPlainString();
        }
        // 1e-6 as on the slides, not Java's 1.0E-6
        String[] parts = String.format(Locale.ROOT, "%." + (DIGITS - 1) + "e", v).split("e");
        String mantissa = parts[0].contains(".") ? parts[0].replaceAll("0+$", "").replaceAll("\\.$", "") : parts[0];
        return mantissa + "e" + Integer.parseInt(parts[1]);
    }

    /** The HTML table, its caption the table's name. */
    public static String html(Table table) {
        Check.notNull("table", table);
        StringBuilder b = new StringBuilder("<table class=\"descent-table\">");
        if (table.name() != null && !table.name().isBlank()) {
            b.append("<caption style=\"text-align:left;font-weight:bold\">").append(escape(table.name()))
                    .append("</caption>");
        }
        b.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            // headers align with their column: numbers right, text left
            b.append(c instanceof NumericColumn<?> ? "<th style=\"text-align:right\">" : "<th style=\"text-align:left\">")
                    .append(escape(c.name())).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        int n = table.rowCount();
        for (int r : shownRows(n)) {
            if (r < 0) {
                b.append("<tr><td colspan=\"").append(table.columnCount()).append("\" style=\"text-align:center\">… ")
                        .append(n - HEAD - TAIL).append(" more rows …</td></tr>");
                continue;
            }
            b.append("<tr>");
            for (Column<?> c : table.columns()) {
                Object v = c.get(r);
                boolean numeric = v instanceof Number;
                b.append(numeric ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
                        .append(escape(cell(v))).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table>");
        if (n > MAX_ROWS) {
            b.append("<div><small>").append(n).append(" rows × ").append(table.columnCount())
                    .append(" columns</small></div>");
        }
        return b.toString();
    }

    /**
     * The text form: {@code name: R rows × C columns}, then the column names and the first
     * {@value #TEXT_ROWS} rows, one per line, each cut at {@value #TEXT_WIDTH} characters.
     */
    public static String text(Table table) {
        Check.notNull("table", table);
        StringBuilder b = new StringBuilder();
        b.append(table.name() == null || table.name().isBlank() ? "table" : table.name()).append(": ")
                .append(table.rowCount()).append(table.rowCount() == 1 ? " row × " : " rows × ")
                .append(table.columnCount()).append(table.columnCount() == 1 ? " column" : " columns");
        b.append('\n').append(cut(String.join(" | ", table.columnNames())));
        int shown = Math.min(TEXT_ROWS, table.rowCount());
        for (int r = 0; r < shown; r++) {
            List<String> cells = new ArrayList<>();
            for (Column<?> c : table.columns()) {
                cells.add(cell(c.get(r)));
            }
            b.append('\n').append(cut(String.join(" | ", cells)));
        }
        if (table.rowCount() > shown) {
            b.append("\n… ").append(table.rowCount() - shown).append(" more rows");
        }
        return b.toString();
    }

    private static List<Integer> shownRows(int n) {
        List<Integer> rows = new ArrayList<>();
        if (n <= MAX_ROWS) {
            for (int r = 0; r < n; r++) {
                rows.add(r);
            }
            return rows;
        }
        for (int r = 0; r < HEAD; r++) {
            rows.add(r);
        }
        rows.add(-1);
        for (int r = n - TAIL; r < n; r++) {
            rows.add(r);
        }
        return rows;
    }

    private static String cut(String line) {
        return line.length() <= TEXT_WIDTH ? line : line.substring(0, TEXT_WIDTH - 1) + "…";
    }

    /** {@code s} with HTML's special characters escaped. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }
}
