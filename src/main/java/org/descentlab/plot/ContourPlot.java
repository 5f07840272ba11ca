package org.descentlab.plot;

import org.descentlab.analysis.Trajectory;
import org.descentlab.problem.Problem;
import org.descentlab.util.Check;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.Table;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleBinaryOperator;

/**
 * Contour lines of a two-parameter loss with optimizer trajectories drawn over them: the picture of
 * the lectures' ravines and valleys (a ravine, Rosenbrock's valley) with one coloured path per optimizer.
 *
 * <p>XChart has no contour plot, so the loss is sampled on a {@code (resolution + 1)^2} grid over the
 * window and each level is traced with {@link MarchingSquares}; a level becomes one thin, light line
 * series (its pieces separated by NaN gaps, which XChart draws as breaks), hidden from the legend.
 * Levels are evenly spaced between the grid's smallest and largest loss, or with
 * {@link #logLevels(boolean)} spaced evenly in {@code log(f - fmin)} over {@value #LOG_DECADES}
 * decades below the grid's range, which suits valleys like Rosenbrock's whose loss spans many orders
 * of magnitude. Lines are coloured by level from dark (low loss) to light (high) on a lightened
 * viridis ramp, or in greys.
 *
 * <p>Each path is a line with small markers at its iterates (when it has at most
 * {@value #MARKER_LIMIT} points, unless {@link #iterateMarkers} says otherwise), in its optimizer's
 * {@link Palette} colour. Start points are drawn as black discs ({@code start} in the legend) and the
 * optimum, if known, as a gold star.
 *
 * <p>Rules for awkward paths: a path is cut at its first point with a non-finite coordinate (a
 * diverged run; for a {@link Trajectory}, its row with the first non-finite loss), and its legend label gets {@code [diverged at step k]}; a path whose first point is
 * not finite is an error. Segments reaching far outside the window (more than ten window widths) are
 * clipped there, which changes nothing visible.
 */
public final class ContourPlot extends BaseFigure<ContourPlot> {

    /** How contour lines are coloured. */
    public enum Coloring {
        /** A lightened viridis ramp: dark purple at low loss to light yellow at high loss. */
        VIRIDIS,
        /** Greys, darker at low loss. */
        GREY
    }

    /** Decades spanned by log-spaced levels. */
    public static final int LOG_DECADES = 5;
    /** Paths with at most this many points get markers at the iterates by default. */
    public static final int MARKER_LIMIT = 100;
    /** How far outside the window, in window widths, segments are clipped. */
    static final double FAR = 10;

    private static final Color START = new Color(0x22, 0x22, 0x22);
    private static final Color OPTIMUM = new Color(0xFF, 0xC8, 0x00);

    private final DoubleBinaryOperator loss;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;
    private boolean logLevels;
    private int levelCount = -1;
    private double[] explicitLevels;
    private int resolution = 160;
    private Coloring coloring = Coloring.VIRIDIS;
    private Boolean iterateMarkers;
    private double[] optimum;
    private final List<Path> paths = new ArrayList<>();

    /** One path to draw: its legend label and its points (finite, already cut). */
    private record Path(String label, double[][] points) {}

    /**
     * Contours of {@code loss(x, y)} over {@code [xMin, xMax] x [yMin, yMax]}.
     *
     * @throws IllegalArgumentException if a bound is not finite or {@code xMin >= xMax} or
     *     {@code yMin >= yMax}
     */
    public ContourPlot(DoubleBinaryOperator loss, double xMin, double xMax, double yMin, double yMax) {
        super("", "w0", "w1");
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        checkRange("x", xMin, xMax);
        checkRange("y", yMin, yMax);
        this.loss = loss;
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
    }

    /**
     * Contours of a two-parameter problem's loss, titled with its name, with its optimum (if known)
     * marked.
     */
    public static ContourPlot of(Problem problem, double xMin, double xMax, double yMin, double yMax) {
        if (problem == null) {
            throw new IllegalArgumentException("problem must not be null");
        }
        if (problem.dimension() != 2) {
            throw new IllegalArgumentException("problem '" + problem.name() + "' has dimension "
                    + problem.dimension() + "; a contour plot needs dimension 2");
        }
        ContourPlot p = new ContourPlot((x, y) -> problem.loss(new double[] {x, y}), xMin, xMax, yMin, yMax);
        p.title(problem.name());
        problem.optimum().ifPresent(w -> p.optimum(w[0], w[1]));
        return p;
    }

    /** Log-spaced levels (see the class documentation); default false (evenly spaced). */
    public ContourPlot logLevels(boolean log) {
        this.logLevels = log;
        return this;
    }

    /** The number of levels (default 12 evenly spaced, 16 log-spaced); at least 1. */
    public ContourPlot levels(int count) {
        this.levelCount = Check.atLeast("count", count, 1);
        this.explicitLevels = null;
        return this;
    }

    /** Draws exactly these levels (finite; sorted for drawing) instead of computed ones. */
    public ContourPlot levels(double... levels) {
        if (levels == null || levels.length == 0) {
            throw new IllegalArgumentException("levels must hold at least one value");
        }
        for (int k = 0; k < levels.length; k++) {
            if (!Double.isFinite(levels[k])) {
                throw new IllegalArgumentException("levels[" + k + "] = " + levels[k] + " is invalid: must be finite");
            }
        }
        double[] sorted = levels.clone();
        Arrays.sort(sorted);
        this.explicitLevels = sorted;
        return this;
    }

    /** Grid cells per axis (default 160); at least 2. */
    public ContourPlot resolution(int cells) {
        this.resolution = Check.atLeast("cells", cells, 2);
        return this;
    }

    /** How contour lines are coloured (default {@link Coloring#VIRIDIS}). */
    public ContourPlot coloring(Coloring coloring) {
        if (coloring == null) {
            throw new IllegalArgumentException("coloring must not be null");
        }
        this.coloring = coloring;
        return this;
    }

    /** Forces markers at the iterates on or off (default: on for paths of at most 100 points). */
    public ContourPlot iterateMarkers(boolean on) {
        this.iterateMarkers = on;
        return this;
    }

    /** Marks the optimum with a star. */
    public ContourPlot optimum(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("optimum = (" + x + ", " + y + ") is invalid: must be finite");
        }
        this.optimum = new double[] {x, y};
        return this;
    }

    /**
     * Adds a path of {@code {x, y}} points (row 0 the start), drawn in {@code label}'s palette colour.
     *
     * @throws IllegalArgumentException if the path is null or empty, a point does not have 2
     *     coordinates, or the first point is not finite
     */
    public ContourPlot addPath(String label, double[][] path) {
        checkLabel(label);
        if (path == null || path.length == 0) {
            throw new IllegalArgumentException("path '" + label + "' is empty: it needs at least 1 point");
        }
        int cut = path.length;
        for (int k = 0; k < path.length; k++) {
            if (path[k] == null || path[k].length != 2) {
                throw new IllegalArgumentException("path '" + label + "' point " + k + " must have 2 coordinates, got "
                        + (path[k] == null ? "null" : path[k].length));
            }
            if (cut == path.length && !(Double.isFinite(path[k][0]) && Double.isFinite(path[k][1]))) {
                cut = k;
            }
        }
        if (cut == 0) {
            throw new IllegalArgumentException("path '" + label + "' starts at a non-finite point "
                    + Arrays.toString(path[0]));
        }
        String shown = cut < path.length ? label + " [diverged at step " + cut + "]" : label;
        double[][] points = new double[cut][];
        for (int k = 0; k < cut; k++) {
            points[k] = path[k].clone();
        }
        paths.add(new Path(shown, points));
        return this;
    }

    /** Adds a path given as separate coordinate arrays of equal length. */
    public ContourPlot addPath(String label, double[] xs, double[] ys) {
        if (xs == null || ys == null || xs.length != ys.length) {
            throw new IllegalArgumentException("path '" + label + "': xs and ys must be non-null and of equal length");
        }
        double[][] p = new double[xs.length][];
        for (int k = 0; k < xs.length; k++) {
            p[k] = new double[] {xs[k], ys[k]};
        }
        return addPath(label, p);
    }

    /**
     * Adds a two-parameter trajectory under its own label, without the hyper-parameters that are
     * zero or false ({@code SGD(lr=0.001, momentum=0.9)}).
     */
    public ContourPlot addTrajectory(Trajectory trajectory) {
        return addTrajectory(Legend.shorten(Check.notNull("trajectory", trajectory).label()), trajectory);
    }

    /** Adds a two-parameter trajectory under {@code label}. */
    public ContourPlot addTrajectory(String label, Trajectory trajectory) {
        Check.notNull("trajectory", trajectory);
        if (trajectory.params().length > 0 && trajectory.params()[0].length != 2) {
            throw new IllegalArgumentException("trajectory '" + label + "' has " + trajectory.params()[0].length
                    + " parameters; a contour plot needs 2");
        }
        double[][] path = trajectory.params().clone();
        // A diverged run's last row (its first non-finite loss) may still have finite, huge coordinates:
        // treat it as a non-finite point, so the path is cut and labelled there like any diverged path.
        trajectory.divergence().ifPresent(d -> path[d.step()] = new double[] {Double.NaN, Double.NaN});
        return addPath(label, path);
    }

    /**
     * Adds a path read from two numeric columns of a table, e.g. {@code w0} and {@code w1} of
     * {@link Trajectory#toTable()}; missing values count as non-finite.
     */
    public ContourPlot addTable(Table table, String xColumn, String yColumn, String label) {
        return addPath(label, Columns.numbers(table, xColumn), Columns.numbers(table, yColumn));
    }

    /** The number of optimizer paths added. */
    public int trajectorySeriesCount() {
        return paths.size();
    }

    /** The number of contour-line series the chart will have (levels that cross the window). */
    public int contourSeriesCount() {
        Grid g = grid();
        int n = 0;
        for (double level : levels(g)) {
            if (!MarchingSquares.contour(g.xs, g.ys, g.z, level).isEmpty()) {
                n++;
            }
        }
        return n;
    }

    /** The levels that will be drawn, ascending. */
    public double[] levels() {
        return levels(grid());
    }

    @Override
    public XYChart chart() {
        List<String> labels = paths.stream().map(Path::label).toList();
        XYChart chart = styled(new XYChart(width(), height()), labels);
        XYStyler s = chart.getStyler();
        s.setPlotGridLinesVisible(false);
        s.setPlotMargin(0); // the axes end exactly at the window
        s.setPlotContentSize(1.0);
        s.setxAxisTickLabelsFormattingFunction(TickFormat.linear());
        s.setyAxisTickLabelsFormattingFunction(TickFormat.linear());
        s.setXAxisMin(xMin).setXAxisMax(xMax);
        s.setYAxisMin(yMin).setYAxisMax(yMax);

        Grid g = grid();
        double[] levels = levels(g);
        for (int k = 0; k < levels.length; k++) {
            List<double[][]> lines = MarchingSquares.contour(g.xs, g.ys, g.z, levels[k]);
            if (lines.isEmpty()) {
                continue;
            }
            double[][] xy = PathClipping.joinWithGaps(lines);
            XYSeries series = chart.addSeries("contour " + k + " (f = " + levels[k] + ")", xy[0], xy[1]);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(ContourLevels.color(coloring, k, levels.length));
            series.setLineStyle(new BasicStroke(1.0f));
            series.setShowInLegend(false);
        }

        Set<String> taken = names();
        List<Color> colors = Palette.colors(labels);
        List<double[]> starts = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            Path p = paths.get(i);
            double[][] xy = PathClipping.clip(p.points(), xMin - FAR * (xMax - xMin), xMax + FAR * (xMax - xMin),
                    yMin - FAR * (yMax - yMin), yMax + FAR * (yMax - yMin));
            XYSeries series = chart.addSeries(unique(p.label(), taken), xy[0], xy[1]);
            Color c = colors.get(i);
            series.setLineColor(c);
            series.setMarkerColor(c);
            series.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            boolean markers = iterateMarkers != null ? iterateMarkers : p.points().length <= MARKER_LIMIT;
            series.setMarker(markers || p.points().length == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            double[] start = p.points()[0];
            if (starts.stream().noneMatch(q -> Arrays.equals(q, start))) {
                starts.add(start);
            }
        }
        if (!starts.isEmpty()) {
            double[] sx = new double[starts.size()];
            double[] sy = new double[starts.size()];
            for (int i = 0; i < sx.length; i++) {
                sx[i] = starts.get(i)[0];
                sy[i] = starts.get(i)[1];
            }
            XYSeries series = chart.addSeries(unique("start", taken), sx, sy);
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            series.setMarker(Markers.disc(1.7));
            series.setMarkerColor(START);
        }
        if (optimum != null) {
            XYSeries series = chart.addSeries(unique("optimum", taken), new double[] {optimum[0]},
                    new double[] {optimum[1]});
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            series.setMarker(Markers.star(3.0));
            series.setMarkerColor(OPTIMUM);
        }
        return chart;
    }

    /** The sampled loss. */
    private record Grid(double[] xs, double[] ys, double[][] z) {}

    private Grid grid() {
        double[] xs = MarchingSquares.linspace(xMin, xMax, resolution + 1);
        double[] ys = MarchingSquares.linspace(yMin, yMax, resolution + 1);
        return new Grid(xs, ys, MarchingSquares.sample(loss, xs, ys));
    }

    private double[] levels(Grid g) {
        if (explicitLevels != null) {
            return explicitLevels.clone();
        }
        return ContourLevels.spaced(g.z, levelCount > 0 ? levelCount : (logLevels ? 16 : 12), logLevels);
    }

    private static void checkRange(String axis, double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException(axis + "Min = " + min + " and " + axis + "Max = " + max
                    + " are invalid: both must be finite");
        }
        if (!(min < max)) {
            throw new IllegalArgumentException(axis + "Min = " + min + " is invalid: must be < " + axis + "Max = " + max);
        }
    }
}
