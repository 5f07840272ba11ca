package org.descentlab.plot;

import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

/**
 * A grid of numbers as coloured cells, each labelled with its value: e.g. a final loss over a
 * learning rate x weight decay grid (CTU DLE L7, slide "Optimizers summary": AdamW "insensitive to
 * the choice hyper-parameters"). Row {@code i} of the values belongs to the {@code i}-th y label,
 * column {@code j} to the {@code j}-th x label. Every value must be finite: a caller whose run
 * diverged chooses the number that stands for it (and says so in the title).
 */
public final class HeatMapPlot extends BaseFigure<HeatMapPlot> {

    private final List<String> xLabels;
    private final List<String> yLabels;
    private final double[][] values;
    private String format = "0.000";
    private Double min;
    private Double max;

    /**
     * @param xLabels one label per column, at least 1
     * @param yLabels one label per row, at least 1
     * @param values {@code yLabels.size()} rows of {@code xLabels.size()} numbers
     */
    public HeatMapPlot(String title, String xTitle, String yTitle,
            List<String> xLabels, List<String> yLabels, double[][] values) {
        super(title, xTitle, yTitle);
        if (xLabels == null || xLabels.isEmpty() || yLabels == null || yLabels.isEmpty()) {
            throw new IllegalArgumentException("xLabels and yLabels must each hold at least 1 label");
        }
        if (values == null || values.length != yLabels.size()) {
            throw new IllegalArgumentException("values must have one row per y label (" + yLabels.size() + "), got "
                    + (values == null ? "null" : values.length));
        }
        this.values = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null || values[i].length != xLabels.size()) {
                throw new IllegalArgumentException("values[" + i + "] must have one entry per x label (" + xLabels.size()
                        + "), got " + (values[i] == null ? "null" : values[i].length));
            }
            for (int j = 0; j < values[i].length; j++) {
                if (!Double.isFinite(values[i][j])) {
                    throw new IllegalArgumentException("values[" + i + "][" + j + "] = " + values[i][j]
                            + " is invalid: every cell must be finite");
                }
            }
            this.values[i] = values[i].clone();
        }
        this.xLabels = List.copyOf(xLabels);
        this.yLabels = List.copyOf(yLabels);
    }

    /** How each cell's value is printed: a {@link java.text.DecimalFormat} pattern, default {@code 0.000}. */
    public HeatMapPlot format(String pattern) {
        new java.text.DecimalFormat(checkLabel(pattern)); // fails now, not when rendering
        this.format = pattern;
        return this;
    }

    /**
     * Fixes the colour range (so two heat maps share one scale); {@code min < max}, both finite, and
     * every value must lie in it when the chart is built.
     */
    public HeatMapPlot range(double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(min < max)) {
            throw new IllegalArgumentException("range must be finite with min < max, got [" + min + ", " + max + "]");
        }
        this.min = min;
        this.max = max;
        return this;
    }

    /** The value of row {@code i} (y label), column {@code j} (x label). */
    public double value(int i, int j) {
        return values[i][j];
    }

    @Override
    public HeatMapChart chart() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        List<Number[]> cells = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values[i].length; j++) {
                lo = Math.min(lo, values[i][j]);
                hi = Math.max(hi, values[i][j]);
                cells.add(new Number[] {j, i, values[i][j]});
            }
        }
        if (min != null) {
            if (lo < min || hi > max) {
                throw new IllegalArgumentException("values span [" + lo + ", " + hi + "], outside the range ["
                        + min + ", " + max + "] set by range()");
            }
            lo = min;
            hi = max;
        }
        if (lo == hi) {
            hi = lo + 1;
        }
        // The theme constructor: the plain one leaves the styler's number formats unset (XChart 3.8.8).
        HeatMapChart chart = styled(new HeatMapChart(width(), height(), Styler.ChartTheme.XChart), List.of());
        HeatMapStyler s = chart.getStyler();
        s.setLegendVisible(true);
        s.setPlotGridLinesVisible(false);
        s.setShowValue(true);
        s.setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setValueFontColor(new Color(0x11, 0x11, 0x11));
        s.setMin(lo);
        s.setMax(hi);
        s.setHeatMapValueDecimalPattern(format);
        // Light (small) to orange (large): light enough everywhere for black value labels.
        s.setRangeColors(new Color[] {new Color(0xFF, 0xFF, 0xFF), new Color(0xFE, 0xE6, 0xCE),
                new Color(0xFD, 0xAE, 0x6B), new Color(0xF1, 0x69, 0x13)});
        chart.addSeries("value", new ArrayList<>(xLabels), new ArrayList<>(yLabels), cells);
        return chart;
    }
}
