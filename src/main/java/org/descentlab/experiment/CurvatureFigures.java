package org.descentlab.experiment;

import org.descentlab.analysis.Hessians;
import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.experiment.FigureParts.Run;
import org.descentlab.optim.Sgd;
import org.descentlab.plot.ContourPlot;
import org.descentlab.plot.CurvePlot;
import org.descentlab.problem.GradientNoise;
import org.descentlab.problem.LinearRegression;
import org.descentlab.problem.Problem;
import org.descentlab.problem.Quadratic;
import org.descentlab.problem.Saddle;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.descentlab.experiment.FigureParts.CONTOUR_H;
import static org.descentlab.experiment.FigureParts.CONTOUR_W;
import static org.descentlab.experiment.FigureParts.curve;
import static org.descentlab.experiment.FigureParts.excess;
import static org.descentlab.experiment.FigureParts.runsTable;
import static org.descentlab.experiment.FigureParts.trim;

/**
 * Gradient descent and the curvature (CSC413 L4): the factor {@code 1 - alpha lambda} per eigen-direction,
 * the learning rate against it, input normalization and the saddle.
 */
final class CurvatureFigures {

    /** alpha * lambda for the three regimes; dyadic, so every iterate is exact in double precision. */
    static final double[] REGIME_ALPHAS = {0.25, 1.75, 2.125};
    static final int REGIME_STEPS = 16;

    private CurvatureFigures() {}

    static LectureFigure.Output gdRegimes(String title) {
        Quadratic q = Quadratic.diagonal(new double[] {1}, null, new double[] {1});
        CurvePlot plot = curve(title, "step k", "w_k  (= (1 − αλ)^k)").markers(true);
        LongTable t = new LongTable(title, StringColumn.create("regime"), DoubleColumn.create("alpha_lambda"),
                IntColumn.create("step"), DoubleColumn.create("w"), DoubleColumn.create("closed_form"));
        for (double a : REGIME_ALPHAS) {
            Trajectory tr = TrajectoryRunner.run(q, Sgd.of(a), REGIME_STEPS);
            String regime = Hessians.Regime.of(a, 1).name().toLowerCase(Locale.ROOT);
            double[] w = new double[REGIME_STEPS + 1];
            double closed = 1;
            for (int k = 0; k <= REGIME_STEPS; k++) {
                w[k] = tr.params()[k][0];
                t.row(regime, a, k, w[k], closed);
                closed *= 1 - a;
            }
            plot.add(String.format(Locale.ROOT, "αλ = %s (%s)", a, regime), w);
        }
        return new LectureFigure.Output(t.table(), plot, plot.seriesCount());
    }

    // ---------------------------------------------------------------- the learning rate

    /** The curvatures of the {@code learning-rate} figure's quadratic. */
    static final double[] LR_CURVATURES = {1, 10};
    static final double[] LR_VALUES = {0.01, 0.15, 0.19, 0.21};
    static final int LR_STEPS = 50;

    static LectureFigure.Output learningRate(String title) {
        Quadratic q = Quadratic.diagonal(LR_CURVATURES, null, new double[] {1, 1});
        double[] lambdas = Hessians.eigenvalues(q.hessian(q.start()).orElseThrow());
        double lambdaMin = Arrays.stream(lambdas).min().orElseThrow();
        double lambdaMax = Arrays.stream(lambdas).max().orElseThrow();
        List<Run> runs = new ArrayList<>();
        CurvePlot plot = curve(String.format(Locale.ROOT, "%s (λ = %s, %s; α* = %.3f, 2/λmax = %s)",
                title, trim(lambdaMin), trim(lambdaMax), 2 / (lambdaMin + lambdaMax), trim(2 / lambdaMax)),
                "step k", "loss f(w_k)").logY(true).markers(false);
        for (double alpha : LR_VALUES) {
            Run r = new Run(learningRateLabel(alpha, lambdas), TrajectoryRunner.run(q, Sgd.of(alpha), LR_STEPS));
            runs.add(r);
            plot.add(r.label(), r.trajectory().loss());
        }
        return new LectureFigure.Output(runsTable(title, runs, q), plot, plot.seriesCount());
    }

    /**
     * What gradient descent at {@code alpha} does on a quadratic with these Hessian eigenvalues: the
     * directions that oscillate or diverge, each with its factor {@code 1 - alpha lambda}, and the rate
     * {@code max |1 - alpha lambda|} by which the error shrinks (or grows) per step, with the direction that
     * sets it. E.g. {@code α = 0.15: λ = 10 oscillates (1 − αλ = −0.5); rate max|1 − αλ| = 0.85, set by λ = 1}.
     */
    static String learningRateLabel(double alpha, double[] lambdas) {
        StringBuilder s = new StringBuilder("α = " + trim(alpha) + ": ");
        List<String> flips = new ArrayList<>();
        double rate = -1;
        double slowest = Double.NaN;
        for (double lambda : lambdas) {
            double factor = 1 - alpha * lambda;
            Hessians.Regime regime = Hessians.Regime.of(alpha, lambda);
            if (regime == Hessians.Regime.OSCILLATE || regime == Hessians.Regime.DIVERGE) {
                flips.add("λ = " + trim(lambda) + (regime == Hessians.Regime.DIVERGE ? " diverges" : " oscillates")
                        + " (1 − αλ = " + trim(factor).replace('-', '−') + ")");
            }
            if (Math.abs(factor) > rate) {
                rate = Math.abs(factor);
                slowest = lambda;
            }
        }
        s.append(flips.isEmpty() ? "monotone in every direction" : String.join(", ", flips));
        s.append("; rate max|1 − αλ| = ").append(trim(rate));
        if (lambdas.length > 1) {
            s.append(", set by λ = ").append(trim(slowest));
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- input normalization

    static final int NORMALIZATION_STEPS = 200;

    static LectureFigure.Output inputNormalization(String title) {
        LinearRegression raw = LinearRegression.deckTable();
        LinearRegression std = raw.standardized().problem();
        double kRaw = raw.conditionNumber();
        double kStd = std.conditionNumber();
        CurvePlot plot = curve(String.format(Locale.ROOT, "Input normalization: κ = %.3g raw, %.3g standardized", kRaw, kStd),
                "step k", "f(w_k) − f*").logY(true).markers(false);
        LongTable t = new LongTable(title, StringColumn.create("series"), DoubleColumn.create("condition_number"),
                DoubleColumn.create("lr"), IntColumn.create("step"), DoubleColumn.create("loss"),
                DoubleColumn.create("excess_loss"));
        for (LinearRegression p : List.of(raw, std)) {
            double[] eig = Hessians.eigenvalues(p.hessian(p.start()).orElseThrow());
            double lr = 1 / Arrays.stream(eig).max().orElseThrow();
            Trajectory tr = TrajectoryRunner.run(p, Sgd.of(lr), NORMALIZATION_STEPS);
            double[] ex = excess(tr.loss(), p.loss(p.optimum().orElseThrow()));
            String label = p == raw ? "raw inputs" : "standardized inputs";
            double kappa = p == raw ? kRaw : kStd;
            plot.add(String.format(Locale.ROOT, "%s (GD, lr = 1/λmax = %.3g)", label, lr), ex);
            for (int k = 0; k < ex.length; k++) {
                t.row(label, kappa, lr, k, tr.loss()[k], ex[k]);
            }
        }
        return new LectureFigure.Output(t.table(), plot, plot.seriesCount());
    }

    // ---------------------------------------------------------------- saddle points

    static final int SADDLE_STEPS = 100;
    static final double SADDLE_LR = 0.1;
    static final double SADDLE_NOISE = 0.05;

    static LectureFigure.Output saddleEscape(String title) {
        Saddle exact = new Saddle(Saddle.Variant.QUARTIC, new double[] {1, 0});
        Saddle near = new Saddle(Saddle.Variant.QUARTIC, new double[] {1, 1e-4});
        Problem noisy = new GradientNoise(exact, SADDLE_NOISE, 3L);
        List<Run> runs = List.of(
                new Run("GD from (1, 1e-4)", TrajectoryRunner.run(near, Sgd.of(SADDLE_LR), SADDLE_STEPS)),
                new Run("GD from (1, 0)", TrajectoryRunner.run(exact, Sgd.of(SADDLE_LR), SADDLE_STEPS)),
                new Run("GD + noise σ=" + SADDLE_NOISE + " from (1, 0)",
                        TrajectoryRunner.run(noisy, Sgd.of(SADDLE_LR), SADDLE_STEPS)));
        ContourPlot plot = new ContourPlot((x, y) -> exact.loss(new double[] {x, y}), -1.5, 1.5, -1.5, 1.5)
                .size(CONTOUR_W, CONTOUR_H).title(title)
                .levels(-0.45, -0.35, -0.25, -0.15, -0.05, 0, 0.05, 0.25, 0.5, 1, 1.5, 2)
                .axisTitles("x", "y");
        for (double[] m : exact.minima()) {
            plot.optimum(m[0], m[1]);
        }
        return FigureParts.paths(plot, title, runs, exact);
    }
}
