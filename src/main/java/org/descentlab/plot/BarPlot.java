package org.descentlab.plot;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import tech.tablesaw.api.Table;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bars of values per category: the state memory of each optimizer, or test accuracy per lecture with
 * one bar per series in each group (grouped bars). Categories appear in the order first added; a
 * series that has no value for a category (or a non-finite one) leaves that bar out. Series are
 * coloured by {@link Palette}.
 */
public final class BarPlot extends BaseFigure<BarPlot> {

    private final Map<String, Map<String, Double>> series = new LinkedHashMap<>();
    private Boolean valueLabels;

    /** A figure with these titles (any may be empty). */
    public BarPlot(String title, String xTitle, String yTitle) {
        super(title, xTitle, yTitle);
    }

    /** Writes each bar's value on it (default: on when there is a single series). */
    public BarPlot valueLabels(boolean on) {
        this.valueLabels = on;
        return this;
    }

    /**
     * Adds a series: {@code values[i]} for {@code categories.get(i)}.
     *
     * @throws IllegalArgumentException if empty, of different lengths, or a category repeats
     */
    public BarPlot add(String label, List<String> categories, double[] values) {
        checkLabel(label);
        if (categories == null || values == null) {
            throw new IllegalArgumentException("categories and values of series '" + label + "' must not be null");
        }
        if (values.length == 0) {
            throw new IllegalArgumentException("values of series '" + label + "' is empty: it needs at least 1 value");
        }
        if (categories.size() != values.length) {
            throw new IllegalArgumentException("categories and values of series '" + label + "' differ in length: "
                    + categories.size() + " vs " + values.length);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            String c = categories.get(i);
            if (c == null) {
                throw new IllegalArgumentException("categories[" + i + "] of series '" + label + "' must not be null");
            }
            if (m.put(c, values[i]) != null) {
                throw new IllegalArgumentException("category '" + c + "' appears twice in series '" + label + "'");
            }
        }
        if (series.containsKey(label)) {
            throw new IllegalArgumentException("a series labelled '" + label + "' was already added");
        }
        series.put(label, m);
        return this;
    }

    /** Adds a series from a map of category to value, in the map's iteration order. */
    public BarPlot add(String label, Map<String, ? extends Number> values) {
        if (values == null) {
            throw new IllegalArgumentException("values of series '" + label + "' must not be null");
        }
        List<String> cats = new ArrayList<>();
        double[] v = new double[values.size()];
        int i = 0;
        for (Map.Entry<String, ? extends Number> e : values.entrySet()) {
            cats.add(e.getKey());
            v[i++] = e.getValue() == null ? Double.NaN : e.getValue().doubleValue();
        }
        return add(label, cats, v);
    }

    /**
     * Adds a series read from a table: categories from any column (numbers are shown as text, e.g. a
     * lecture number) and values from a numeric column; missing values leave the bar out.
     */
    public BarPlot addTable(Table table, String categoryColumn, String valueColumn, String label) {
        String[] cats = Columns.strings(table, categoryColumn);
        double[] values = Columns.numbers(table, valueColumn);
        return add(label, List.of(cats), values);
    }

    /** The number of series added. */
    public int seriesCount() {
        return series.size();
    }

    /** All categories in order of first appearance. */
    public List<String> categories() {
        Set<String> all = new LinkedHashSet<>();
        for (Map<String, Double> m : series.values()) {
            all.addAll(m.keySet());
        }
        return new ArrayList<>(all);
    }

    @Override
    public CategoryChart chart() {
        checkHasSeries(series.isEmpty());
        CategoryChart chart = styled(new CategoryChart(width(), height()), new ArrayList<>(series.keySet()));
        CategoryStyler s = chart.getStyler();
        s.setPlotGridVerticalLinesVisible(false);
        s.setAvailableSpaceFill(series.size() == 1 ? 0.6 : 0.8);
        boolean labels = valueLabels != null ? valueLabels : series.size() == 1;
        s.setLabelsVisible(labels);
        s.setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLabelsFontColorAutomaticEnabled(false); // dark text, so a bar of height 0 still shows "0"
        s.setLabelsFontColor(new Color(0x11, 0x11, 0x11));
        s.setyAxisTickLabelsFormattingFunction(TickFormat.linear());
        s.setLabelsPosition(0.9);
        s.setLegendVisible(series.size() > 1);
        List<String> cats = categories();
        List<Color> colors = Palette.colors(new ArrayList<>(series.keySet()));
        int i = 0;
        for (Map.Entry<String, Map<String, Double>> e : series.entrySet()) {
            List<Double> y = new ArrayList<>();
            boolean any = false;
            for (String c : cats) {
                Double v = e.getValue().get(c);
                boolean ok = v != null && Double.isFinite(v);
                y.add(ok ? v : null);
                any |= ok;
            }
            if (!any) {
                throw new IllegalArgumentException("series '" + e.getKey() + "' has no finite value to draw");
            }
            CategorySeries cs = chart.addSeries(e.getKey(), cats, y);
            cs.setFillColor(colors.get(i++));
        }
        return chart;
    }
}
