package org.descentlab.plot;

import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The settings every figure shares (size, titles, legend position) and the house style applied to
 * each chart: white background, light grid, sans-serif fonts sized for a notebook cell.
 *
 * @param <F> the concrete figure, so setters chain
 */
abstract class BaseFigure<F extends BaseFigure<F>> implements Figure {

    /** The smallest width or height accepted, in pixels. */
    static final int MIN_SIZE = 100;

    static {
        Headless.ensure();
    }

    private int width = 800;
    private int height = 600;
    private String title;
    private String xTitle;
    private String yTitle;
    private Styler.LegendPosition legendPosition;

    BaseFigure(String title, String xTitle, String yTitle) {
        this.title = title == null ? "" : title;
        this.xTitle = xTitle == null ? "" : xTitle;
        this.yTitle = yTitle == null ? "" : yTitle;
    }

    /** This figure as its concrete type, so setters chain (each figure is declared {@code X extends BaseFigure<X>}). */
    @SuppressWarnings("unchecked")
    final F self() {
        return (F) this;
    }

    /** Sets the image size in pixels (default 800 x 600); each at least {@value #MIN_SIZE}. */
    public F size(int width, int height) {
        this.width = checkSize("width", width);
        this.height = checkSize("height", height);
        return self();
    }

    /** Sets the chart title (empty for none). */
    public F title(String title) {
        this.title = title == null ? "" : title;
        return self();
    }

    /** Sets the axis titles. */
    public F axisTitles(String xTitle, String yTitle) {
        this.xTitle = xTitle == null ? "" : xTitle;
        this.yTitle = yTitle == null ? "" : yTitle;
        return self();
    }

    /**
     * Where the legend goes. By default it sits outside the plot so it never covers data: to the
     * right, or below when an entry is longer than {@value Legend#LONG_ENTRY} characters.
     */
    public F legendPosition(Styler.LegendPosition position) {
        if (position == null) {
            throw new IllegalArgumentException("position must not be null");
        }
        this.legendPosition = position;
        return self();
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    public String title() {
        return title;
    }

    /**
     * {@code chart} with this figure's title and axis titles and the house style, its legend placed for
     * these entries.
     */
    <C extends Chart<? extends AxesChartStyler, ?>> C styled(C chart, List<String> legendEntries) {
        chart.setTitle(title);
        chart.setXAxisTitle(xTitle);
        chart.setYAxisTitle(yTitle);
        AxesChartStyler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0x99, 0x99, 0x99));
        s.setPlotGridLinesColor(new Color(0xE6, 0xE6, 0xE6));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartFontColor(new Color(0x22, 0x22, 0x22));
        s.setAxisTickLabelsColor(new Color(0x33, 0x33, 0x33));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setLegendBorderColor(new Color(0xCC, 0xCC, 0xCC));
        s.setLegendBackgroundColor(new Color(255, 255, 255, 230));
        s.setLegendPosition(legendPosition != null ? legendPosition : Legend.position(legendEntries));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleVisible(!title.isEmpty());
        s.setAntiAlias(true);
        s.setToolTipsEnabled(false);
        s.setMarkerSize(7);
        return chart;
    }

    static int checkSize(String name, int value) {
        if (value < MIN_SIZE) {
            throw new IllegalArgumentException(
                    name + " = " + value + " is invalid: must be an integer >= " + MIN_SIZE + " (pixels)");
        }
        return value;
    }

    /** Rejects rendering a figure whose {@code series} are {@code empty}. */
    static void checkHasSeries(boolean empty) {
        if (empty) {
            throw new IllegalArgumentException("the figure has no series: add at least one before rendering");
        }
    }

    static String checkLabel(String label) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("label must be a non-blank string, got '" + label + "'");
        }
        return label;
    }

    /** {@code label}, or {@code label (2)}, {@code label (3)}, ... if already taken. */
    static String unique(String label, Set<String> taken) {
        String name = label;
        for (int k = 2; taken.contains(name); k++) {
            name = label + " (" + k + ")";
        }
        taken.add(name);
        return name;
    }

    static Set<String> names() {
        return new HashSet<>();
    }
}
