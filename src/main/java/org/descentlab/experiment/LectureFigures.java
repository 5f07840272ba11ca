package org.descentlab.experiment;

import org.descentlab.analysis.Hessians;
import org.descentlab.analysis.MomentumTuning;
import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.Adagrad;
import org.descentlab.optim.Adam;
import org.descentlab.optim.BiasCorrection;
import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.EmaMomentum;
import org.descentlab.optim.HeavyBall;
import org.descentlab.optim.Options;
import org.descentlab.optim.RmsProp;
import org.descentlab.optim.Sgd;
import org.descentlab.plot.ContourPlot;
import org.descentlab.plot.CurvePlot;
import org.descentlab.plot.SchedulePlot;
import org.descentlab.problem.Banana;
import org.descentlab.problem.GradientNoise;
import org.descentlab.problem.GradientSequence;
import org.descentlab.problem.LinearRegression;
import org.descentlab.problem.NoisyQuadratic;
import org.descentlab.problem.PlotWindow;
import org.descentlab.problem.Problem;
import org.descentlab.problem.Quadratic;
import org.descentlab.problem.Saddle;
import org.descentlab.problem.SigmoidFit;
import org.descentlab.schedule.ConvergenceConditions;
import org.descentlab.schedule.ExponentialLR;
import org.descentlab.schedule.InverseTimeDecay;
import org.descentlab.schedule.Schedule;
import org.descentlab.schedule.Schedules;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The registry of lecture figures: each toy figure of the five lectures ({@link Lecture}) that can be
 * computed, as one method here. Every figure runs the library (problem, optimizer, {@link
 * TrajectoryRunner}) into a Tablesaw table and draws it with {@code org.descentlab.plot}; seeds are
 * fixed. {@code descent figures} writes them all ({@link FigureReport}).
 */
public final class LectureFigures {

    /** Size of curve figures, pixels. */
    static final int CURVE_W = 900;
    static final int CURVE_H = 560;
    /** Size of contour figures, pixels. */
    static final int CONTOUR_W = 900;
    static final int CONTOUR_H = 680;

    private static final Map<String, LectureFigure> REGISTRY = new LinkedHashMap<>();

    static {
        add("gd-vs-sgd-paths", "GD vs SGD on the noisy quadratic: paths by batch size", Lecture.CTU_DLE_L7, "Batches",
                "Mini-batch SGD (lr 0.1, batch 1, 10, 100) and full-batch GD (batch 1000) on CTU DLE L7's "
                        + "f(w) = 1/(2*1000) sum (w - w_i)^T A (w - w_i): smaller batches wander more around the optimum.",
                LectureFigures::gdVsSgdPaths);
        add("gd-vs-sgd-loss", "GD vs SGD on the noisy quadratic: loss by batch size", Lecture.CTU_DLE_L7,
                "Gradient Descent using randomized batches",
                "Excess loss f(w_k) - f* (log scale) of the same runs against the step: every batch size falls "
                        + "alike at first, then each levels off at a noise floor that shrinks with the batch size.",
                LectureFigures::gdVsSgdLoss);
        add("gd-vs-sgd-cost", "GD vs SGD: loss against examples processed", Lecture.DL1_L4, "GD vs. SGD Convergence",
                "The same runs against the number of per-example gradients computed (log scale): in phase 1 "
                        + "small batches reach a given loss with far fewer examples than GD.",
                LectureFigures::gdVsSgdCost);
        add("sigmoid-plateau-loss", "Sigmoid fit from the plateau: loss", Lecture.CTU_DLE_L7,
                "Drawback: Slow convergence on plateaus (e.g. sigmoid fitting problem)",
                "Loss (log scale) of GD, momentum, Nesterov, AdaGrad, RMSProp and Adam started on the plateau "
                        + "(0, -8) of a one-unit sigmoid fit: GD barely moves in 300 steps, the adaptive methods escape.",
                LectureFigures::sigmoidPlateauLoss);
        add("sigmoid-plateau-paths", "Sigmoid fit from the plateau: paths", Lecture.CTU_DLE_L7,
                "Drawback: Slow convergence on plateaus (e.g. sigmoid fitting problem)",
                "The same six runs on the contours of the two-parameter loss.",
                LectureFigures::sigmoidPlateauPaths);
        add("gd-regimes", "Gradient descent along one eigenvector: (1 - αλ)^k", Lecture.CSC413_L4, "Ill-conditioned curvature",
                "Gradient descent on f(w) = w^2/2 (lambda = 1) from w = 1 with alpha*lambda = 0.25, 1.75, 2.125: "
                        + "the iterates are exactly (1 - alpha*lambda)^k, which decays, oscillates or diverges.",
                LectureFigures::gdRegimes);
        add("ravine-momentum", "Ravine: GD vs heavy ball at optimal α*, β*", Lecture.CSC413_L4, "Ravines",
                "A rotated quadratic with eigenvalues 1 and 100: GD at alpha* = 2/(1+100) against heavy ball at "
                        + "alpha*, beta* from MomentumTuning (rates 0.980 vs 0.818 per step).",
                LectureFigures::ravineMomentum);
        add("banana-momentum", "Banana valley: momentum β = 0 vs β = 0.99", Lecture.STAT_453_L12, "Momentum $\\beta = 0.0$",
                "Goh's banana (1 - x)^2 + 20 (3y - x^2)^2 with the same step size: beta = 0 creeps along the "
                        + "valley, beta = 0.99 swings through it with its own slow oscillations.",
                LectureFigures::bananaMomentum);
        add("input-normalization", "Input normalization: raw vs standardized features", Lecture.CSC413_L4,
                "Ill-conditioned curvature: normalization",
                "GD at lr = 1/lambda_max on CSC413 L4's table (x1 ~ 1000, x2 ~ 1005) raw and standardized: "
                        + "the raw problem is so ill-conditioned that its loss stalls, the standardized one converges.",
                LectureFigures::inputNormalization);
        add("saddle-escape", "Saddle x² − y² + y⁴/2: exact vs noisy gradients", Lecture.CSC413_L4, "Saddle points",
                "GD started exactly on the saddle's stable manifold converges to the saddle; started 1e-4 off it, "
                        + "it escapes late; with seeded gradient noise (sigma 0.05) it escapes early.",
                LectureFigures::saddleEscape);
        add("schedule-conditions", "The schedules 1, 1/t and e^-t", Lecture.DL1_L4,
                "Choosing the Learning Rate Schedule of SGD",
                "The three schedules of DL1 L4's table; the CSV holds ConvergenceConditions' partial sums and "
                        + "verdicts at horizons 10 to 100000: only 1/t meets all of TTIC 31230's conditions.",
                LectureFigures::scheduleConditions);
        add("schedule-partial-sums", "Partial sums of η_t and η_t^2", Lecture.TTIC_31230, "The Classical Convergence Theorem",
                "S(H) = sum eta_t and Q(H) = sum eta_t^2 for the schedules 1, 1/t, e^-t: the constant's squares "
                        + "diverge, e^-t's sum converges, 1/t's sum grows like ln H while its squares converge.",
                LectureFigures::schedulePartialSums);
        add("schedules-decay", "Learning-rate schedules: decays", Lecture.STAT_453_L12, "LEARNING RATE SCHEDULER",
                "The library's monotone schedules (constant, step, halving, multistep, exponential, inverse "
                        + "time, 1/t, constant-lr warm-up factor) from lr 0.1 over 100 steps.",
                LectureFigures::schedulesDecay);
        add("schedules-cyclic", "Learning-rate schedules: annealing and cycles", Lecture.STAT_453_L12, "LEARNING RATE SCHEDULER",
                "The library's other schedules (cyclic, cosine, cosine with warm restarts, linear, polynomial, "
                        + "one-cycle) from lr 0.1 over 100 steps.",
                LectureFigures::schedulesCyclic);
        add("ema-bias-correction", "EMA bias correction on a noisy constant", Lecture.TTIC_31230, "Bias Correction",
                "x_t = 1 + 0.3 z_t averaged with N = 10 (beta = 0.9): the plain EMA starts biased toward 0, the "
                        + "1/t running mean is exact but stops tracking, min(t, N) and Adam's 1/(1 - beta^t) fix the start.",
                LectureFigures::emaBiasCorrection);
        add("momentum-terminal-velocity", "Momentum on a constant slope: terminal velocity", Lecture.CSC413_L4, "Momentum",
                "Heavy ball on a constant gradient: the step approaches the terminal velocity alpha/(1 - mu) "
                        + "(DL1 L4's effective rate gamma/(1 - mu)) for mu = 0.5, 0.9, 0.95.",
                LectureFigures::terminalVelocity);
        add("ravine-adaptive", "Axis-aligned ravine: GD, RMSprop, Adam", Lecture.CSC413_L4, "RMSprop and Adam",
                "An axis-aligned quadratic with curvatures 1 and 100: RMSprop and Adam rescale each coordinate "
                        + "and head straight down the ravine where GD at its largest stable rate crawls.",
                LectureFigures::ravineAdaptive);
        add("learning-rate", "Learning rate too small, good, too large", Lecture.CSC413_L4, "Learning Rate",
                "GD on a quadratic with curvatures 1 and 10: alpha = 0.01 makes slow progress, 0.15 is good, "
                        + "0.19 oscillates, 0.21 > 2/lambda_max diverges.",
                LectureFigures::learningRate);
    }

    private LectureFigures() {}

    private static void add(String id, String title, Lecture lecture, String slide, String summary,
            java.util.function.Function<String, LectureFigure.Output> build) {
        if (REGISTRY.containsKey(id)) {
            throw new IllegalStateException("figure id '" + id + "' is registered twice");
        }
        Supplier<LectureFigure.Output> supplier = () -> build.apply(title);
        REGISTRY.put(id, new LectureFigure(id, title, lecture, slide, summary, supplier));
    }

    /** Every figure, in registration order. */
    public static List<LectureFigure> all() {
        return List.copyOf(REGISTRY.values());
    }

    /** The ids, in registration order. */
    public static List<String> ids() {
        return List.copyOf(REGISTRY.keySet());
    }

    /**
     * The figure {@code id}.
     *
     * @throws IllegalArgumentException for an unknown id, listing the known ones
     */
    public static LectureFigure get(String id) {
        LectureFigure f = id == null ? null : REGISTRY.get(id.trim().toLowerCase(Locale.ROOT));
        if (f == null) {
            throw new IllegalArgumentException(
                    "figure = '" + id + "' is unknown: must be one of " + String.join(", ", ids()));
        }
        return f;
    }

    // ---------------------------------------------------------------- CTU DLE L7 / DL1 L4: GD vs SGD

    static final int[] BATCHES = {1, 10, 100, 1000};
    static final int SGD_STEPS = 100;
    static final double SGD_LR = 0.1;

    private static List<Run> noisyQuadraticRuns(NoisyQuadratic p) {
        List<Run> runs = new ArrayList<>();
        for (int b : BATCHES) {
            String label = b == p.dataSize() ? "GD (batch " + b + " = N)" : "SGD batch " + b;
            runs.add(new Run(label, TrajectoryRunner.runStochastic(p, Sgd.of(SGD_LR), null, null, SGD_STEPS, b, 7L)));
        }
        return runs;
    }

    static LectureFigure.Output gdVsSgdPaths(String title) {
        NoisyQuadratic p = new NoisyQuadratic();
        List<Run> runs = noisyQuadraticRuns(p);
        ContourPlot plot = contour(p, new PlotWindow(-3, 3.5, -1, 4), title, false);
        for (Run r : runs) {
            plot.addTrajectory(r.label(), r.trajectory());
        }
        plot.iterateMarkers(false);
        return new LectureFigure.Output(runsTable(title, runs, p), plot, plot.trajectorySeriesCount());
    }

    static LectureFigure.Output gdVsSgdLoss(String title) {
        NoisyQuadratic p = new NoisyQuadratic();
        List<Run> runs = noisyQuadraticRuns(p);
        double floor = p.loss(p.optimum().orElseThrow());
        CurvePlot plot = curve(title, "step k", "f(w_k) − f*").logY(true).markers(false);
        for (Run r : runs) {
            plot.add(r.label(), excess(r.trajectory().loss(), floor));
        }
        return new LectureFigure.Output(runsTable(title, runs, p), plot, plot.seriesCount());
    }

    static LectureFigure.Output gdVsSgdCost(String title) {
        NoisyQuadratic p = new NoisyQuadratic();
        List<Run> runs = noisyQuadraticRuns(p);
        double floor = p.loss(p.optimum().orElseThrow());
        CurvePlot plot = curve(title, "examples processed (k × batch size)", "f(w_k) − f*")
                .logY(true).logX(true).markers(false);
        Table t = Table.create(title, StringColumn.create("series"), IntColumn.create("batch"),
                IntColumn.create("step"), LongColumn.create("examples"), DoubleColumn.create("excess_loss"));
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            double[] ex = excess(r.trajectory().loss(), floor);
            double[] x = new double[ex.length];
            for (int k = 0; k < ex.length; k++) {
                x[k] = (double) k * BATCHES[i];
                t.stringColumn("series").append(r.label());
                t.intColumn("batch").append(BATCHES[i]);
                t.intColumn("step").append(k);
                t.longColumn("examples").append((long) k * BATCHES[i]);
                t.doubleColumn("excess_loss").append(ex[k]);
            }
            plot.add(r.label(), x, ex);
        }
        return new LectureFigure.Output(t, plot, plot.seriesCount());
    }

    // ---------------------------------------------------------------- CTU DLE L7: sigmoid plateau

    static final int SIGMOID_STEPS = 300;

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
        List<Run> runs = sigmoidRuns();
        ContourPlot plot = contour(p, p.plotWindow().orElseThrow(), title, false).iterateMarkers(false);
        plot.axisTitles("w1 (slope)", "w2 (bias)");
        for (Run r : runs) {
            plot.addTrajectory(r.label(), r.trajectory());
        }
        return new LectureFigure.Output(runsTable(title, runs, null), plot, plot.trajectorySeriesCount());
    }

    // ---------------------------------------------------------------- CSC413 L4: (1 - alpha lambda)^k

    /** alpha * lambda for the three regimes; dyadic, so every iterate is exact in double precision. */
    static final double[] REGIME_ALPHAS = {0.25, 1.75, 2.125};
    static final int REGIME_STEPS = 16;

    static LectureFigure.Output gdRegimes(String title) {
        Quadratic q = Quadratic.diagonal(new double[] {1}, null, new double[] {1});
        CurvePlot plot = curve(title, "step k", "w_k  (= (1 − αλ)^k)").markers(true);
        Table t = Table.create(title, StringColumn.create("regime"), DoubleColumn.create("alpha_lambda"),
                IntColumn.create("step"), DoubleColumn.create("w"), DoubleColumn.create("closed_form"));
        for (double a : REGIME_ALPHAS) {
            Trajectory tr = TrajectoryRunner.run(q, Sgd.of(a), REGIME_STEPS);
            String regime = Hessians.Regime.of(a, 1).name().toLowerCase(Locale.ROOT);
            double[] w = new double[REGIME_STEPS + 1];
            double closed = 1;
            for (int k = 0; k <= REGIME_STEPS; k++) {
                w[k] = tr.params()[k][0];
                t.stringColumn("regime").append(regime);
                t.doubleColumn("alpha_lambda").append(a);
                t.intColumn("step").append(k);
                t.doubleColumn("w").append(w[k]);
                t.doubleColumn("closed_form").append(closed);
                closed *= 1 - a;
            }
            plot.add(String.format(Locale.ROOT, "αλ = %s (%s)", a, regime), w);
        }
        return new LectureFigure.Output(t, plot, plot.seriesCount());
    }

    // ---------------------------------------------------------------- CSC413 L4: ravines and momentum

    static final int RAVINE_STEPS = 80;

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
        for (Run r : runs) {
            plot.addTrajectory(r.label(), r.trajectory());
        }
        return new LectureFigure.Output(runsTable(title, runs, q), plot, plot.trajectorySeriesCount());
    }

    static final int BANANA_STEPS = 400;
    static final double BANANA_LR = 0.002;

    static LectureFigure.Output bananaMomentum(String title) {
        Banana p = new Banana();
        List<Run> runs = List.of(
                new Run("GD (β=0)", TrajectoryRunner.run(p, Sgd.builder().lr(BANANA_LR).momentum(0).build(), BANANA_STEPS)),
                new Run("momentum (β=0.99)",
                        TrajectoryRunner.run(p, Sgd.builder().lr(BANANA_LR).momentum(0.99).build(), BANANA_STEPS)));
        ContourPlot plot = contour(p, p.plotWindow().orElseThrow(),
                title + " (α = " + BANANA_LR + ", " + BANANA_STEPS + " steps)", true).iterateMarkers(false);
        plot.axisTitles("x", "y");
        for (Run r : runs) {
            plot.addTrajectory(r.label(), r.trajectory());
        }
        return new LectureFigure.Output(runsTable(title, runs, p), plot, plot.trajectorySeriesCount());
    }

    static final int NORMALIZATION_STEPS = 200;

    static LectureFigure.Output inputNormalization(String title) {
        LinearRegression raw = LinearRegression.deckTable();
        LinearRegression std = raw.standardized().problem();
        double kRaw = raw.conditionNumber();
        double kStd = std.conditionNumber();
        CurvePlot plot = curve(String.format(Locale.ROOT, "Input normalization: κ = %.3g raw, %.3g standardized", kRaw, kStd),
                "step k", "f(w_k) − f*").logY(true).markers(false);
        Table t = Table.create(title, StringColumn.create("series"), DoubleColumn.create("condition_number"),
                DoubleColumn.create("lr"), IntColumn.create("step"), DoubleColumn.create("loss"),
                DoubleColumn.create("excess_loss"));
        for (LinearRegression p : List.of(raw, std)) {
            double[] eig = Hessians.eigenvalues(p.hessian(p.start()).orElseThrow());
            double lambdaMax = max(eig);
            double lr = 1 / lambdaMax;
            Trajectory tr = TrajectoryRunner.run(p, Sgd.of(lr), NORMALIZATION_STEPS);
            double floor = p.loss(p.optimum().orElseThrow());
            double[] ex = excess(tr.loss(), floor);
            String label = p == raw ? "raw inputs" : "standardized inputs";
            double kappa = p == raw ? kRaw : kStd;
            plot.add(String.format(Locale.ROOT, "%s (GD, lr = 1/λmax = %.3g)", label, lr), ex);
            for (int k = 0; k < ex.length; k++) {
                t.stringColumn("series").append(label);
                t.doubleColumn("condition_number").append(kappa);
                t.doubleColumn("lr").append(lr);
                t.intColumn("step").append(k);
                t.doubleColumn("loss").append(tr.loss()[k]);
                t.doubleColumn("excess_loss").append(ex[k]);
            }
        }
        return new LectureFigure.Output(t, plot, plot.seriesCount());
    }

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
        for (Run r : runs) {
            plot.addTrajectory(r.label(), r.trajectory());
        }
        return new LectureFigure.Output(runsTable(title, runs, exact), plot, plot.trajectorySeriesCount());
    }

    // ---------------------------------------------------------------- schedules

    /** The schedules of DL1 L4's table: 1, 1/t (t counted from 1) and e^-t. */
    static List<Schedule> deckSchedules() {
        return List.of(Schedule.constant(1), InverseTimeDecay.oneOverT(1), ExponentialLR.ofRate(1, 1));
    }

    static final String[] DECK_SCHEDULE_NAMES = {"1", "1/t", "e^-t"};
    static final long[] HORIZONS = {10, 100, 1_000, 10_000, 100_000};
    static final int CONDITION_STEPS = 30;

    static LectureFigure.Output scheduleConditions(String title) {
        List<Schedule> schedules = deckSchedules();
        CurvePlot plot = curve(title, "step t", "learning rate η_t").logY(true).markers(true);
        Table t = Table.create(title, StringColumn.create("schedule"), LongColumn.create("horizon"),
                DoubleColumn.create("first"), DoubleColumn.create("last"), DoubleColumn.create("sum"),
                DoubleColumn.create("half_sum"), DoubleColumn.create("sum_of_squares"),
                DoubleColumn.create("half_sum_of_squares"), BooleanColumn.create("tends_to_zero"),
                BooleanColumn.create("sum_diverges"), BooleanColumn.create("sum_of_squares_converges"),
                BooleanColumn.create("satisfies_theorem"));
        for (int i = 0; i < schedules.size(); i++) {
            Schedule s = schedules.get(i);
            String name = DECK_SCHEDULE_NAMES[i];
            ConvergenceConditions.Report last = null;
            for (long h : HORIZONS) {
                ConvergenceConditions.Report r = ConvergenceConditions.check(s, h);
                t.stringColumn("schedule").append(name);
                t.longColumn("horizon").append(h);
                t.doubleColumn("first").append(r.first());
                t.doubleColumn("last").append(r.last());
                t.doubleColumn("sum").append(r.sum());
                t.doubleColumn("half_sum").append(r.halfSum());
                t.doubleColumn("sum_of_squares").append(r.sumOfSquares());
                t.doubleColumn("half_sum_of_squares").append(r.halfSumOfSquares());
                t.booleanColumn("tends_to_zero").append(r.tendsToZero());
                t.booleanColumn("sum_diverges").append(r.sumDiverges());
                t.booleanColumn("sum_of_squares_converges").append(r.sumOfSquaresConverges());
                t.booleanColumn("satisfies_theorem").append(r.satisfiesTheorem());
                last = r;
            }
            String verdict = String.format(Locale.ROOT, "η = %s: →0 %s, Ση=∞ %s, Ση²<∞ %s", name,
                    mark(last.tendsToZero()), mark(last.sumDiverges()), mark(last.sumOfSquaresConverges()));
            plot.addFunction(verdict, CONDITION_STEPS, s::valueAt);
        }
        return new LectureFigure.Output(t, plot, plot.seriesCount());
    }

    static final int PARTIAL_SUM_STEPS = 1000;

    static LectureFigure.Output schedulePartialSums(String title) {
        List<Schedule> schedules = deckSchedules();
        CurvePlot plot = curve(title, "horizon H (steps summed)", "partial sum").logX(true).logY(true).markers(false);
        Table t = Table.create(title, IntColumn.create("horizon"));
        for (int h = 1; h <= PARTIAL_SUM_STEPS; h++) {
            t.intColumn("horizon").append(h);
        }
        List<double[]> sums = new ArrayList<>();
        List<double[]> squares = new ArrayList<>();
        for (int i = 0; i < schedules.size(); i++) {
            Schedule s = schedules.get(i);
            double[] rate = new double[PARTIAL_SUM_STEPS];
            double[] sum = new double[PARTIAL_SUM_STEPS];
            double[] sq = new double[PARTIAL_SUM_STEPS];
            double a = 0;
            double b = 0;
            for (int k = 0; k < PARTIAL_SUM_STEPS; k++) {
                rate[k] = s.valueAt(k);
                a += rate[k];
                b += rate[k] * rate[k];
                sum[k] = a;
                sq[k] = b;
            }
            String name = DECK_SCHEDULE_NAMES[i];
            t.addColumns(DoubleColumn.create("eta_" + column(name), rate), DoubleColumn.create("sum_" + column(name), sum),
                    DoubleColumn.create("sum_sq_" + column(name), sq));
            sums.add(sum);
            squares.add(sq);
        }
        double[] h = new double[PARTIAL_SUM_STEPS];
        for (int k = 0; k < h.length; k++) {
            h[k] = k + 1;
        }
        for (int i = 0; i < schedules.size(); i++) {
            plot.add("Σ η, η = " + DECK_SCHEDULE_NAMES[i], h, sums.get(i));
        }
        for (int i = 0; i < schedules.size(); i++) {
            plot.add("Σ η², η = " + DECK_SCHEDULE_NAMES[i], h, squares.get(i));
        }
        return new LectureFigure.Output(t, plot, plot.seriesCount());
    }

    /** Example options for each registered schedule, base rate 0.1, over {@value #SCHEDULE_STEPS} steps. */
    static Map<String, Map<String, Object>> scheduleExamples() {
        Map<String, Map<String, Object>> m = new LinkedHashMap<>();
        m.put("constant", Map.of("lr", 0.1));
        m.put("constant-lr", Map.of("lr", 0.1, "factor", 0.5, "total_iters", 20));
        m.put("step", Map.of("lr", 0.1, "step_size", 25, "gamma", 0.5));
        m.put("halving", Map.of("lr", 0.1, "step_size", 20));
        m.put("multistep", Map.of("lr", 0.1, "milestones", "30,60,80", "gamma", 0.5));
        m.put("exponential", Map.of("lr", 0.1, "gamma", 0.97));
        m.put("inverse-time", Map.of("lr", 0.1, "k", 0.05));
        m.put("one-over-t", Map.of("lr", 0.1, "t0", 10));
        m.put("cyclic", Map.of("base_lr", 0.01, "max_lr", 0.1, "step_size_up", 20));
        m.put("cosine", Map.of("lr", 0.1, "T_max", 100));
        m.put("cosine-warm-restarts", Map.of("lr", 0.1, "T_0", 25));
        m.put("linear", Map.of("lr", 0.1, "start_factor", 0.1, "total_iters", 30));
        m.put("polynomial", Map.of("lr", 0.1, "total_iters", 100, "power", 2));
        m.put("onecycle", Map.of("max_lr", 0.1, "total_steps", 101));
        return m;
    }

    /** The monotone ones, drawn in {@code schedules-decay}; every other name goes to {@code schedules-cyclic}. */
    static final List<String> DECAY_SCHEDULES = List.of(
            "constant", "constant-lr", "step", "halving", "multistep", "exponential", "inverse-time", "one-over-t");
    static final int SCHEDULE_STEPS = 100;

    static LectureFigure.Output schedulesDecay(String title) {
        return schedules(title, DECAY_SCHEDULES);
    }

    static LectureFigure.Output schedulesCyclic(String title) {
        List<String> rest = new ArrayList<>(Schedules.names());
        rest.removeAll(DECAY_SCHEDULES);
        return schedules(title, rest);
    }

    private static LectureFigure.Output schedules(String title, List<String> names) {
        Map<String, Map<String, Object>> examples = scheduleExamples();
        List<Schedule> schedules = new ArrayList<>();
        Table t = Table.create(title, IntColumn.create("step"));
        for (int k = 0; k <= SCHEDULE_STEPS; k++) {
            t.intColumn("step").append(k);
        }
        for (String name : names) {
            Map<String, Object> o = examples.getOrDefault(name, Map.of("lr", 0.1));
            Schedule s = Schedules.fromOptions(name, Options.of(o));
            schedules.add(s);
            double[] v = new double[SCHEDULE_STEPS + 1];
            for (int k = 0; k <= SCHEDULE_STEPS; k++) {
                v[k] = s.valueAt(k);
            }
            t.addColumns(DoubleColumn.create("lr_" + name, v));
        }
        CurvePlot plot = SchedulePlot.of(SCHEDULE_STEPS, schedules).title(title).size(CURVE_W, CURVE_H + 80);
        return new LectureFigure.Output(t, plot, plot.seriesCount());
    }

    // ---------------------------------------------------------------- TTIC 31230: EMA bias correction

    static final int EMA_STEPS = 60;
    static final double EMA_BETA = 0.9;

    static LectureFigure.Output emaBiasCorrection(String title) {
        Random rng = new Random(11);
        double[][] x = new double[EMA_STEPS][1];
        for (int t = 0; t < EMA_STEPS; t++) {
            x[t][0] = 1 + 0.3 * rng.nextGaussian();
        }
        GradientSequence seq = new GradientSequence(x, new double[] {0});
        // With lr = 1 the optimizer moves by exactly its averaged gradient: w_{t-1} - w_t is the average.
        double[] ema = averages(seq, EmaMomentum.builder().lr(1).momentum(EMA_BETA)
                .biasCorrection(BiasCorrection.NONE).build());
        double[] mean = averages(seq, EmaMomentum.builder().lr(1).momentum(1 - 1e-12)
                .biasCorrection(BiasCorrection.MIN_T_N).build());
        double[] minTN = averages(seq, EmaMomentum.builder().lr(1).momentum(EMA_BETA)
                .biasCorrection(BiasCorrection.MIN_T_N).build());
        double[] adam = averages(seq, EmaMomentum.builder().lr(1).momentum(EMA_BETA)
                .biasCorrection(BiasCorrection.EXPONENTIAL).build());
        double[] ts = new double[EMA_STEPS];
        double[] xs = new double[EMA_STEPS];
        for (int t = 0; t < EMA_STEPS; t++) {
            ts[t] = t + 1;
            xs[t] = x[t][0];
        }
        int[] tIndex = new int[EMA_STEPS];
        for (int t = 0; t < EMA_STEPS; t++) {
            tIndex[t] = t + 1;
        }
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

    private static double[] averages(GradientSequence seq, DescentOptimizer opt) {
        Trajectory tr = TrajectoryRunner.run(seq, opt, null, seq.start(), seq.length());
        double[] out = new double[seq.length()];
        for (int t = 0; t < out.length; t++) {
            out[t] = tr.params()[t][0] - tr.params()[t + 1][0];
        }
        return out;
    }

    // ---------------------------------------------------------------- CSC413 L4 / DL1 L4: terminal velocity

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
        Table t = Table.create(title, DoubleColumn.create("mu"), IntColumn.create("step"),
                DoubleColumn.create("velocity"), DoubleColumn.create("terminal_velocity"));
        double[] steps = new double[TERMINAL_STEPS];
        for (int k = 0; k < TERMINAL_STEPS; k++) {
            steps[k] = k + 1;
        }
        List<double[]> limits = new ArrayList<>();
        for (double mu : TERMINAL_MUS) {
            Trajectory tr = TrajectoryRunner.run(slope, HeavyBall.of(TERMINAL_LR, mu), null, slope.start(), TERMINAL_STEPS);
            double[] v = new double[TERMINAL_STEPS];
            double terminal = TERMINAL_LR / (1 - mu);
            for (int k = 0; k < TERMINAL_STEPS; k++) {
                v[k] = (tr.params()[k][0] - tr.params()[k + 1][0]) / TERMINAL_LR;
                t.doubleColumn("mu").append(mu);
                t.intColumn("step").append(k + 1);
                t.doubleColumn("velocity").append(v[k] * TERMINAL_LR);
                t.doubleColumn("terminal_velocity").append(terminal);
            }
            plot.add("μ = " + mu, steps, v);
            limits.add(new double[] {mu, 1 / (1 - mu)});
        }
        for (double[] l : limits) {
            double[] y = new double[TERMINAL_STEPS];
            java.util.Arrays.fill(y, l[1]);
            plot.add(String.format(Locale.ROOT, "1/(1 − %s) = %s", l[0], trim(l[1])), steps, y);
        }
        return new LectureFigure.Output(t, plot, plot.seriesCount());
    }

    // ---------------------------------------------------------------- CSC413 L4: RMSprop and Adam

    static final int ADAPTIVE_STEPS = 100;

    static LectureFigure.Output ravineAdaptive(String title) {
        Quadratic q = Quadratic.diagonal(new double[] {1, 100}, null, new double[] {-4, 1});
        double gdLr = 0.019; // just below 2 / lambda_max = 0.02
        List<Run> runs = List.of(
                new Run("GD (lr=" + gdLr + ")", TrajectoryRunner.run(q, Sgd.of(gdLr), ADAPTIVE_STEPS)),
                new Run("RMSProp (lr=0.05)", TrajectoryRunner.run(q, RmsProp.of(0.05), ADAPTIVE_STEPS)),
                new Run("Adam (lr=0.1)", TrajectoryRunner.run(q, Adam.of(0.1), ADAPTIVE_STEPS)));
        ContourPlot plot = contour(q, new PlotWindow(-4.5, 1.5, -1.5, 1.5), title, true);
        for (Run r : runs) {
            plot.addTrajectory(r.label(), r.trajectory());
        }
        return new LectureFigure.Output(runsTable(title, runs, q), plot, plot.trajectorySeriesCount());
    }

    static final double[] LR_VALUES = {0.01, 0.15, 0.19, 0.21};
    static final int LR_STEPS = 50;

    static LectureFigure.Output learningRate(String title) {
        Quadratic q = Quadratic.diagonal(new double[] {1, 10}, null, new double[] {1, 1});
        String[] verdicts = {"too small: slow progress", "good", "too large: oscillations", "much too large: instability"};
        List<Run> runs = new ArrayList<>();
        CurvePlot plot = curve(title + " (λ = 1, 10; 2/λmax = 0.2)", "step k", "loss f(w_k)").logY(true).markers(false);
        for (int i = 0; i < LR_VALUES.length; i++) {
            Run r = new Run("α = " + LR_VALUES[i] + " (" + verdicts[i] + ")",
                    TrajectoryRunner.run(q, Sgd.of(LR_VALUES[i]), LR_STEPS));
            runs.add(r);
            plot.add(r.label(), r.trajectory().loss());
        }
        return new LectureFigure.Output(runsTable(title, runs, q), plot, plot.seriesCount());
    }

    // ---------------------------------------------------------------- helpers

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

    static double[] excess(double[] loss, double floor) {
        double[] out = new double[loss.length];
        for (int i = 0; i < loss.length; i++) {
            out[i] = loss[i] - floor;
        }
        return out;
    }

    private static CurvePlot curve(String title, String x, String y) {
        return new CurvePlot(title, x, y).size(CURVE_W, CURVE_H);
    }

    private static ContourPlot contour(Problem p, PlotWindow w, String title, boolean logLevels) {
        return ContourPlot.of(p, w.xMin(), w.xMax(), w.yMin(), w.yMax())
                .size(CONTOUR_W, CONTOUR_H).title(title).logLevels(logLevels);
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static String mark(boolean b) {
        return b ? "yes" : "no";
    }

    private static String column(String name) {
        return switch (name) {
            case "1" -> "const";
            case "1/t" -> "inv_t";
            default -> "exp";
        };
    }

    /** A number for a legend: at most 6 significant digits, no trailing zeros (10.000000000000002 -> 10). */
    private static String trim(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
