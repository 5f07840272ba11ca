package org.descentlab.experiment;

import org.descentlab.analysis.MomentumTuning;
import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.experiment.FigureParts.Run;
import org.descentlab.optim.HeavyBall;
import org.descentlab.optim.Sgd;
import org.descentlab.plot.ContourPlot;
import org.descentlab.plot.CurvePlot;
import org.descentlab.problem.Banana;
import org.descentlab.problem.GradientSequence;
import org.descentlab.problem.PlotWindow;
import org.descentlab.problem.Quadratic;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.descentlab.experiment.FigureParts.contour;
import static org.descentlab.experiment.FigureParts.counting;
import static org.descentlab.experiment.FigureParts.curve;
import static org.descentlab.experiment.FigureParts.trim;

/** Momentum (CSC413 L4, STAT 453 L12, DL1 L4): the ravine at the optimal rates, the banana valley, terminal velocity. */
final class MomentumFigures {

    static final int RAVINE_STEPS = 80;
    static final int BANANA_STEPS = 400;
    static final double BANANA_LR = 0.002;

    private MomentumFigures() {}

    static Quadratic ravine() {
        double angle = Math.toRadians(25);
        // four units along the flat eigenvector q1, one along the steep q2
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double[] start = {-4 * c - s, -4 * s + c};
        return Quadratic.rotated2d(1, 100, angle, null, start);
    }

    static LectureFigure.Output ravineMomentum(String title) {
        Quadratic q = ravine();
        MomentumTuning.Tuning gd = MomentumTuning.gradientDescent(1, 100);
        MomentumTuning.Tuning hb = MomentumTuning.heavyBall(1, 100);
        List<Run> runs = List.of(
                new Run(String.format(Locale.ROOT, "GD (α*=%.4f)", gd.alpha()),
                        TrajectoryRunner.run(q, Sgd.of(gd.alpha()), RAVINE_STEPS)),
                new Run(String.format(Locale.ROOT, "momentum (α*=%.4f, β*=%.3f)", hb.alpha(), hb.beta()),
                        TrajectoryRunner.run(q, Sgd.builder().lr(hb.alpha()).momentum(hb.beta()).build(), RAVINE_STEPS)));
        ContourPlot plot = contour(q, new PlotWindow(-4.5, 4.5, -3, 2.5), title + " (κ = 100)", true).iterateMarkers(false);
        return FigureParts.paths(plot, title, runs, q);
    }

    static LectureFigure.Output bananaMomentum(String title) {
        Banana p = new Banana();
        List<Run> runs = List.of(
                new Run("GD (β=0)", TrajectoryRunner.run(p, Sgd.builder().lr(BANANA_LR).momentum(0).build(), BANANA_STEPS)),
                new Run("momentum (β=0.99)",
                        TrajectoryRunner.run(p, Sgd.builder().lr(BANANA_LR).momentum(0.99).build(), BANANA_STEPS)));
        ContourPlot plot = contour(p, p.plotWindow().orElseThrow(),
                title + " (α = " + BANANA_LR + ", " + BANANA_STEPS + " steps)", true).iterateMarkers(false);
        plot.axisTitles("x", "y");
        return FigureParts.paths(plot, title, runs, p);
    }

    // ---------------------------------------------------------------- terminal velocity

    static final double[] TERMINAL_MUS = {0.5, 0.9, 0.95};
    static final int TERMINAL_STEPS = 100;
    static final double TERMINAL_LR = 0.01;

    static LectureFigure.Output terminalVelocity(String title) {
        double[][] g = new double[TERMINAL_STEPS][];
        for (int k = 0; k < TERMINAL_STEPS; k++) {
            g[k] = new double[] {1};
        }
        GradientSequence slope = new GradientSequence(g, new double[] {0});
        CurvePlot plot = curve(title + " (gradient 1, α = " + TERMINAL_LR + ")", "step k", "step length |w_k − w_{k−1}| / α")
                .markers(false);
        LongTable t = new LongTable(title, DoubleColumn.create("mu"), IntColumn.create("step"),
                DoubleColumn.create("velocity"), DoubleColumn.create("terminal_velocity"));
        double[] steps = counting(1, TERMINAL_STEPS);
        for (double mu : TERMINAL_MUS) {
            Trajectory tr = TrajectoryRunner.run(slope, HeavyBall.of(TERMINAL_LR, mu), null, slope.start(), TERMINAL_STEPS);
            double[] v = new double[TERMINAL_STEPS];
            double terminal = TERMINAL_LR / (1 - mu);
            for (int k = 0; k < TERMINAL_STEPS; k++) {
                v[k] = (tr.params()[k][0] - tr.params()[k + 1][0]) / TERMINAL_LR;
                t.row(mu, k + 1, v[k] * TERMINAL_LR, terminal);
            }
            plot.add("μ = " + mu, steps, v);
        }
        for (double mu : TERMINAL_MUS) {
            double[] y = new double[TERMINAL_STEPS];
            Arrays.fill(y, 1 / (1 - mu));
            plot.add(String.format(Locale.ROOT, "1/(1 − %s) = %s", mu, trim(1 / (1 - mu))), steps, y);
        }
        return new LectureFigure.Output(t.table(), plot, plot.seriesCount());
    }
}
