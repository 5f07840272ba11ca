package org.descentlab.notebook;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlTableTest {

    @Test
    void numbersShowSixSignificantDigitsWhileTheTableKeepsTheExactValue() {
        assertEquals("0.9", HtmlTable.number(0.8999999999999999));
        assertEquals("0.85", HtmlTable.number(0.8500000000000001));
        assertEquals("97.34", HtmlTable.number(97.34));
        assertEquals("3.14159", HtmlTable.number(Math.PI));
        assertEquals("1e-6", HtmlTable.number(1e-6));
        assertEquals("0", HtmlTable.number(0));
        assertEquals("NaN", HtmlTable.number(Double.NaN));
        assertEquals("-∞", HtmlTable.number(Double.NEGATIVE_INFINITY));
        assertEquals("123457", HtmlTable.number(123456.7));
        Table t = Table.create("r", DoubleColumn.create("x", 0.8999999999999999));
        HtmlTable.html(t);
        assertEquals(0.8999999999999999, t.doubleColumn("x").get(0));
    }

    @Test
    void htmlHasCaptionHeaderRowsAndEscapes() {
        Table t = Table.create("regimes <1>", StringColumn.create("name", "a&b", "c"),
                DoubleColumn.create("v", 0.8500000000000001, 2));
        String html = HtmlTable.html(t);
        assertTrue(html.contains("<caption style=\"text-align:left;font-weight:bold\">regimes &lt;1&gt;</caption>"));
        assertTrue(html.contains("<th style=\"text-align:left\">name</th><th style=\"text-align:right\">v</th>"));
        assertTrue(html.contains(">a&amp;b</td><td style=\"text-align:right\">0.85</td>"));
        assertEquals(3, html.split("<tr>", -1).length - 1, "header row + 2 rows");
    }

    @Test
    void longTablesShowHeadAndTail() {
        int n = 100;
        Table t = Table.create("long", IntColumn.create("i", IntStream.range(0, n).toArray()));
        String html = HtmlTable.html(t);
        assertEquals(HtmlTable.HEAD + HtmlTable.TAIL + 2, html.split("<tr>", -1).length - 1);
        assertTrue(html.contains("… 70 more rows …"));
        assertTrue(html.contains(">99</td>"));
        assertFalse(html.contains(">50</td>"));
    }

    @Test
    void textIsShortAndNamesTheSize() {
        Table t = Table.create("wide", IntColumn.create("i", IntStream.range(0, 8).toArray()),
                StringColumn.create("s", IntStream.range(0, 8).mapToObj(i -> "x".repeat(200)).toArray(String[]::new)));
        String[] lines = HtmlTable.text(t).split("\n");
        assertEquals("wide: 8 rows × 2 columns", lines[0]);
        assertEquals("i | s", lines[1]);
        assertEquals(2 + HtmlTable.TEXT_ROWS + 1, lines.length);
        assertEquals("… 3 more rows", lines[lines.length - 1]);
        for (String line : lines) {
            assertTrue(line.length() <= HtmlTable.TEXT_WIDTH, line);
        }
    }
}
