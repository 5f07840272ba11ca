package org.descentlab.plot;

import org.descentlab.analysis.Trajectory;
import org.descentlab.util.Check;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntToDoubleFunction;

/**
 * Curves of y against x: loss against step for several optimizers, learning rate against step
 * ({@link SchedulePlot}), or the error factor {@code (1 - alpha lambda)^k} of gradient descent on a
 * quadratic ({@link #regimes}). Series are coloured by {@link Palette}, so an optimizer has the same
 * colour here as in its contour plot.
 *
 * <p>Rules for awkward values, applied when the chart is built:
 * <ul>
 *   <li>a point whose x is not finite is dropped; a non-finite y (NaN or infinite, e.g. a diverged
 *       loss) leaves a gap in the line;</li>
 *   <li>with {@link #logY(boolean) log y}, finite values {@code <= 0} are clipped up to the smallest
 *       positive finite y of the whole figure, so they sit on the bottom edge instead of vanishing
 *       (a loss that reached exactly 0 stays visible); if no y is positive that is an error;</li>
 *   <li>with {@link #logX(boolean) log x}, points with {@code x <= 0} are dropped (so step 0 of a
 *       loss curve disappears on a log-log plot);</li>
 *   <li>a series left without a drawable point is an error naming it.</li>
 * </ul>
 */
public final class CurvePlot extends BaseFigure<CurvePlot> {

    private final List<Curve> curves = new ArrayList<>();
    private boolean logY;
    private boolean logX;
    private Boolean markers;
    private boolean steps;

    private record Curve(String label, double[] x, double[] y) {}

    /** A figure with these titles (any may be empty). */
    public CurvePlot(String title, String xTitle, String yTitle) {
        super(title, xTitle, yTitle);
    }

    /** A loss-against-step figure. */
    public CurvePlot() {
        this("", "step", "loss");
    }

    /** Logarithmic y axis (see the class documentation for values {@code <= 0}). */
    public CurvePlot logY(boolean log) {
        this.logY = log;
        return this;
    }

    /** Logarithmic x axis (points with {@code x <= 0} are dropped). */
    public CurvePlot logX(boolean log) {
        this.logX = log;
        return this;
    }

    /** Forces markers at the data points on or off (default: on for series of at most 40 points). */
    public CurvePlot markers(boolean on) {
        this.markers = on;
        return this;
    }

    /**
     * Draws each series as a staircase (the value at {@code x_k} holds until {@code x_{k+1}}), the
     * honest picture of a learning rate that changes once per step.
     */
    public CurvePlot stairs(boolean on) {
        this.steps = on;
        return this;
    }

    /** Adds {@code y} against {@code 0, 1, ..., y.length - 1}. */
    public CurvePlot add(String label, double[] y) {
        if (y == null) {
            throw new IllegalArgumentException("y of series '" + label + "' must not be null");
        }
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return add(label, x, y);
    }

    /**
     * Adds {@code y} against {@code x}.
     *
     * @throws IllegalArgumentException if either is null or empty or their lengths differ
     */
    public CurvePlot add(String label, double[] x, double[] y) {
        checkLabel(label);
        if (x == null || y == null) {
            throw new IllegalArgumentException((x == null ? "x" : "y") + " of series '" + label + "' must not be null");
        }
        if (y.length == 0) {
            throw new IllegalArgumentException("y of series '" + label + "' is empty: it needs at least 1 value");
        }
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y of series '" + label + "' differ in length: "
                    + x.length + " vs " + y.length);
        }
        curves.add(new Curve(label, x.clone(), y.clone()));
        return this;
    }

    /** Adds {@code f(k)} for {@code k = 0..n}. */
    public CurvePlot addFunction(String label, int n, IntToDoubleFunction f) {
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n + " is invalid: must be an integer >= 0");
        }
        if (f == null) {
            throw new IllegalArgumentException("f must not be null");
        }
        double[] y = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            y[k] = f.applyAsDouble(k);
        }
        return add(label, y);
    }

    /**
     * Adds a trajectory's loss against step, under its own label without the hyper-parameters that
     * are zero or false.
     */
    public CurvePlot addTrajectory(Trajectory trajectory) {
        return addTrajectory(Legend.shorten(Check.notNull("trajectory", trajectory).label()), trajectory);
    }

    /** Adds a trajectory's loss against step. */
    public CurvePlot addTrajectory(String label, Trajectory trajectory) {
        Check.notNull("trajectory", trajectory);
        return add(label, trajectory.loss());
    }

    /**
     * Adds one series read from two numeric columns, e.g. {@code step} and {@code loss} of
     * {@link Trajectory#toTable()}; missing values count as non-finite.
     */
    public CurvePlot addTable(Table table, String xColumn, String yColumn, String label) {
        return add(label, Columns.numbers(table, xColumn), Columns.numbers(table, yColumn));
    }

    /**
     * The error factor {@code (1 - alpha lambda)^k}, {@code k = 0..steps}, of gradient descent with
     * rate {@code alpha} along a curvature {@code lambda}, one curve per product: monotone decay for
     * {@code alpha lambda < 1}, oscillating decay between 1 and 2, divergence above 2.
     */
    public static CurvePlot regimes(int steps, double... alphaLambda) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + " is invalid: must be an integer >= 1");
        }
        if (alphaLambda == null || alphaLambda.length == 0) {
            throw new IllegalArgumentException("alphaLambda must hold at least one value");
        }
        CurvePlot p = new CurvePlot("Error factor (1 \u2212 \u03b1\u03bb)^k", "step k", "(1 \u2212 \u03b1\u03bb)^k");
        for (int i = 0; i < alphaLambda.length; i++) {
            double r = 1 - Check.finite("alphaLambda[" + i + "]", alphaLambda[i]);
            p.addFunction(String.format(Locale.ROOT, "\u03b1\u03bb = %s", trim(alphaLambda[i])), steps,
                    k -> Math.pow(r, k));
        }
        return p;
    }

    /** The number of series added. */
    public int seriesCount() {
        return curves.size();
    }

    @Override
    public XYChart chart() {
        checkHasSeries(curves.isEmpty());
        double floor = logY ? smallestPositive() : Double.NaN;
        List<String> labels = curves.stream().map(Curve::label).toList();
        XYChart chart = styled(new XYChart(width(), height()), labels);
        XYStyler s = chart.getStyler();
        s.setYAxisLogarithmic(logY);
        s.setXAxisLogarithmic(logX);
        if (!logX) {
            s.setxAxisTickLabelsFormattingFunction(TickFormat.linear());
        }
        if (!logY) {
            s.setyAxisTickLabelsFormattingFunction(TickFormat.linear());
        }
        List<Color> colors = Palette.colors(labels);
        Set<String> taken = names();
        for (int i = 0; i < curves.size(); i++) {
            Curve c = curves.get(i);
            double[][] xy = drawable(c, floor);
            XYSeries series = chart.addSeries(unique(c.label(), taken), xy[0], xy[1]);
            series.setLineColor(colors.get(i));
            series.setMarkerColor(colors.get(i));
            series.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            boolean m = markers != null ? markers : xy[0].length <= 40;
            series.setMarker(m || xy[0].length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            if (steps) {
                series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            }
        }
        if (!logX) {
            addTickAnchor(chart, taken);
        }
        return chart;
    }

    /** The name of the invisible series that keeps XChart's x ticks readable. */
    static final String TICK_ANCHOR = "\u200b";

    /**
     * XChart 3.8 places x ticks on the data's own x values when they are equally spaced (every step of
     * a loss curve), and then labels every second or third step so the labels run together. One
     * invisible point off that grid (no line, no marker, hidden from the legend, at a y already drawn)
     * sends it back to its ordinary numeric ticks.
     */
    private void addTickAnchor(XYChart chart, Set<String> taken) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double y = Double.NaN;
        for (XYSeries series : chart.getSeriesMap().values()) {
            for (int i = 0; i < series.getXData().length; i++) {
                double x = series.getXData()[i];
                if (Double.isFinite(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
                if (Double.isNaN(y) && Double.isFinite(series.getYData()[i]) && Double.isFinite(x)) {
                    y = series.getYData()[i];
                }
            }
        }
        if (!(hi > lo) || Double.isNaN(y)) {
            return;
        }
        XYSeries anchor = chart.addSeries(unique(TICK_ANCHOR, taken),
                new double[] {lo + (hi - lo) * 0.3819660112501051}, new double[] {y});
        anchor.setShowInLegend(false);
        anchor.setMarker(SeriesMarkers.NONE);
        anchor.setLineColor(new Color(0, 0, 0, 0));
        anchor.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    }

    /** The smallest positive finite y over all series (x dropped as the rules say). */
    private double smallestPositive() {
        double min = Double.POSITIVE_INFINITY;
        for (Curve c : curves) {
            for (int i = 0; i < c.y().length; i++) {
                double y = c.y()[i];
                if (keepX(c.x()[i]) && Double.isFinite(y) && y > 0) {
                    min = Math.min(min, y);
                }
            }
        }
        if (min == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(
                    "logY = true needs at least one finite y value > 0, but every y value is <= 0 or not finite");
        }
        return min;
    }

    private boolean keepX(double x) {
        return Double.isFinite(x) && (!logX || x > 0);
    }

    private double[][] drawable(Curve c, double floor) {
        int n = 0;
        int finite = 0;
        for (int i = 0; i < c.x().length; i++) {
            if (keepX(c.x()[i])) {
                n++;
                if (Double.isFinite(c.y()[i])) {
                    finite++;
                }
            }
        }
        if (finite == 0) {
            throw new IllegalArgumentException("series '" + c.label() + "' has no point to draw: every point has a "
                    + "non-finite y or a non-finite x" + (logX ? " or x <= 0 (log x)" : ""));
        }
        double[] x = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (int i = 0; i < c.x().length; i++) {
            if (keepX(c.x()[i])) {
                double v = c.y()[i];
                x[k] = c.x()[i];
                y[k++] = !Double.isFinite(v) ? Double.NaN : (logY && v <= 0 ? floor : v);
            }
        }
        return new double[][] {x, y};
    }

    private static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
