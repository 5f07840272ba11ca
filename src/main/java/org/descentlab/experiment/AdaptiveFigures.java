package org.descentlab.experiment;

import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.experiment.FigureParts.Run;
import org.descentlab.optim.Adagrad;
import org.descentlab.optim.Adam;
import org.descentlab.optim.BiasCorrection;
import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.EmaMomentum;
import org.descentlab.optim.HeavyBall;
import org.descentlab.optim.RmsProp;
import org.descentlab.optim.Sgd;
import org.descentlab.plot.ContourPlot;
import org.descentlab.plot.CurvePlot;
import org.descentlab.problem.GradientSequence;
import org.descentlab.problem.PlotWindow;
import org.descentlab.problem.Quadratic;
import org.descentlab.problem.SigmoidFit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.descentlab.experiment.FigureParts.contour;
import static org.descentlab.experiment.FigureParts.counting;
import static org.descentlab.experiment.FigureParts.curve;
import static org.descentlab.experiment.FigureParts.runsTable;

/**
 * Adaptive methods and averaging (CTU DLE L7, CSC413 L4, TTIC 31230): escaping the sigmoid's plateau,
 * the axis-aligned ravine, and the bias correction of an exponential moving average.
 */
final class AdaptiveFigures {

    static final int SIGMOID_STEPS = 300;
    static final int ADAPTIVE_STEPS = 100;

    private AdaptiveFigures() {}

    /** The six runs from the plateau start (0, -8). */
    static List<Run> sigmoidRuns() {
        SigmoidFit p = new SigmoidFit();
        List<Run> runs = new ArrayList<>();
        runs.add(new Run("GD (lr=1)", TrajectoryRunner.run(p, Sgd.of(1), SIGMOID_STEPS)));
        runs.add(new Run("momentum (lr=1, β=0.9)", TrajectoryRunner.run(p, HeavyBall.of(1, 0.9), SIGMOID_STEPS)));
        runs.add(new Run("Nesterov (lr=1, β=0.9)", TrajectoryRunner.run(p,
                HeavyBall.builder().lr(1).momentum(0.9).nesterov(true).build(), SIGMOID_STEPS)));
        runs.add(new Run("AdaGrad (lr=0.5)", TrajectoryRunner.run(p, Adagrad.of(0.5), SIGMOID_STEPS)));
        runs.add(new Run("RMSProp (lr=0.05)", TrajectoryRunner.run(p, RmsProp.of(0.05), SIGMOID_STEPS)));
        runs.add(new Run("Adam (lr=0.1)", TrajectoryRunner.run(p, Adam.of(0.1), SIGMOID_STEPS)));
        return runs;
    }

    static LectureFigure.Output sigmoidPlateauLoss(String title) {
        List<Run> runs = sigmoidRuns();
        CurvePlot plot = curve(title, "step k", "loss f(w_k)").logY(true).markers(false);
        for (Run r : runs) {
            plot.add(r.label(), r.trajectory().loss());
        }
        return new LectureFigure.Output(runsTable(title, runs, null), plot, plot.seriesCount());
    }

    static LectureFigure.Output sigmoidPlateauPaths(String title) {
        SigmoidFit p = new SigmoidFit();
        ContourPlot plot = contour(p, p.plotWindow().orElseThrow(), title, false).iterateMarkers(false);
        plot.axisTitles("w1 (slope)", "w2 (bias)");
        return FigureParts.paths(plot, title, sigmoidRuns(), null);
    }

    static LectureFigure.Output ravineAdaptive(String title) {
        Quadratic q = Quadratic.diagonal(new double[] {1, 100}, null, new double[] {-4, 1});
        double gdLr = 0.019; // just below 2 / lambda_max = 0.02
        List<Run> runs = List.of(
                new Run("GD (lr=" + gdLr + ")", TrajectoryRunner.run(q, Sgd.of(gdLr), ADAPTIVE_STEPS)),
                new Run("RMSProp (lr=0.05)", TrajectoryRunner.run(q, RmsProp.of(0.05), ADAPTIVE_STEPS)),
                new Run("Adam (lr=0.1)", TrajectoryRunner.run(q, Adam.of(0.1), ADAPTIVE_STEPS)));
        return FigureParts.paths(contour(q, new PlotWindow(-4.5, 1.5, -1.5, 1.5), title, true), title, runs, q);
    }

    // ---------------------------------------------------------------- TTIC 31230: EMA bias correction

    static final int EMA_STEPS = 60;
    static final double EMA_BETA = 0.9;

    static LectureFigure.Output emaBiasCorrection(String title) {
        Random rng = new Random(11);
        double[][] x = new double[EMA_STEPS][1];
        double[] xs = new double[EMA_STEPS];
        int[] tIndex = new int[EMA_STEPS];
        for (int t = 0; t < EMA_STEPS; t++) {
            x[t][0] = 1 + 0.3 * rng.nextGaussian();
            xs[t] = x[t][0];
            tIndex[t] = t + 1;
        }
        GradientSequence seq = new GradientSequence(x, new double[] {0});
        // With lr = 1 the optimizer moves by exactly its averaged gradient: w_{t-1} - w_t is the average.
        double[] ema = averages(seq, EMA_BETA, BiasCorrection.NONE);
        double[] mean = averages(seq, 1 - 1e-12, BiasCorrection.MIN_T_N);
        double[] minTN = averages(seq, EMA_BETA, BiasCorrection.MIN_T_N);
        double[] adam = averages(seq, EMA_BETA, BiasCorrection.EXPONENTIAL);
        double[] ts = counting(1, EMA_STEPS);
        Table table = Table.create(title, IntColumn.create("t", tIndex), DoubleColumn.create("x", xs),
                DoubleColumn.create("ema", ema), DoubleColumn.create("running_mean", mean),
                DoubleColumn.create("min_t_n", minTN), DoubleColumn.create("adam_division", adam));
        CurvePlot plot = curve(title, "t", "average after t samples");
        plot.add("samples x_t = 1 + 0.3 z_t", ts, xs);
        plot.add("EMA, N = 10, no correction", ts, ema);
        plot.add("running mean (rate 1/t)", ts, mean);
        plot.add("rate 1/min(t, N)", ts, minTN);
        plot.add("EMA / (1 − β^t) (Adam)", ts, adam);
        plot.markers(false);
        return new LectureFigure.Output(table, plot, plot.seriesCount());
    }

    /** The averages {@link EmaMomentum} at lr 1 forms of the sequence: its steps {@code w_{t-1} - w_t}. */
    private static double[] averages(GradientSequence seq, double beta, BiasCorrection correction) {
        DescentOptimizer opt = EmaMomentum.builder().lr(1).momentum(beta).biasCorrection(correction).build();
        Trajectory tr = TrajectoryRunner.run(seq, opt, null, seq.start(), seq.length());
        double[] out = new double[seq.length()];
        for (int t = 0; t < out.length; t++) {
            out[t] = tr.params()[t][0] - tr.params()[t + 1][0];
        }
        return out;
    }
}
