package org.descentlab.experiment;

import org.descentlab.analysis.Trajectory;
import org.descentlab.plot.ContourPlot;
import org.descentlab.plot.CurvePlot;
import org.descentlab.problem.PlotWindow;
import org.descentlab.problem.Problem;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collections;
import java.util.List;

/** What the lecture figures share: labelled runs, their long-form table, chart sizes and number formats. */
final class FigureParts {

    /** Size of curve figures, pixels. */
    static final int CURVE_W = 900;
    static final int CURVE_H = 560;
    /** Size of contour figures, pixels. */
    static final int CONTOUR_W = 900;
    static final int CONTOUR_H = 680;

    private FigureParts() {}

    /** A labelled trajectory. */
    record Run(String label, Trajectory trajectory) {}

    /**
     * The runs in long form: series, step, lr, loss, grad_norm, w0, w1, ... (one row per series and
     * step), plus excess_loss = loss - f(w*) when the problem's optimum is known.
     */
    static Table runsTable(String title, List<Run> runs, Problem problem) {
        double floor = problem == null ? Double.NaN
                : problem.optimum().map(problem::loss).orElse(Double.NaN);
        Table out = null;
        for (Run r : runs) {
            Table t = r.trajectory().toTable();
            t.insertColumn(0, StringColumn.create("series", Collections.nCopies(t.rowCount(), r.label())));
            if (!Double.isNaN(floor)) {
                t.addColumns(DoubleColumn.create("excess_loss", excess(r.trajectory().loss(), floor)));
            }
            if (out == null) {
                out = t.copy();
            } else {
                out.append(t);
            }
        }
        out.setName(title);
        return out;
    }

    /** The runs drawn as paths on {@code plot}, with their long-form table. */
    static LectureFigure.Output paths(ContourPlot plot, String title, List<Run> runs, Problem problem) {
        for (Run r : runs) {
            plot.addTrajectory(r.label(), r.trajectory());
        }
        return new LectureFigure.Output(runsTable(title, runs, problem), plot, plot.trajectorySeriesCount());
    }

    /** {@code loss - floor}, element by element. */
    static double[] excess(double[] loss, double floor) {
        double[] out = new double[loss.length];
        for (int i = 0; i < loss.length; i++) {
            out[i] = loss[i] - floor;
        }
        return out;
    }

    /** {@code from, from + 1, ..., from + n - 1} as doubles: the x values of a curve. */
    static double[] counting(int from, int n) {
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = from + k;
        }
        return x;
    }

    static CurvePlot curve(String title, String x, String y) {
        return new CurvePlot(title, x, y).size(CURVE_W, CURVE_H);
    }

    static ContourPlot contour(Problem p, PlotWindow w, String title, boolean logLevels) {
        return ContourPlot.of(p, w.xMin(), w.xMax(), w.yMin(), w.yMax())
                .size(CONTOUR_W, CONTOUR_H).title(title).logLevels(logLevels);
    }

    /** A number for a legend: at most 6 significant digits, no trailing zeros (10.000000000000002 -> 10). */
    static String trim(double v) {
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
