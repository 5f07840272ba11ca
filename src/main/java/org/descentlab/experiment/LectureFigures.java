package org.descentlab.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The registry of lecture figures: each toy figure of the five lectures ({@link Lecture}) that can be
 * computed, with the lecture and slide it reproduces. The figures are built by topic: {@link
 * StochasticFigures}, {@link CurvatureFigures}, {@link MomentumFigures}, {@link AdaptiveFigures} and
 * {@link ScheduleFigures}. Every figure runs the library (problem, optimizer, {@link
 * org.descentlab.analysis.TrajectoryRunner}) into a Tablesaw table and draws it with {@code
 * org.descentlab.plot}; seeds are fixed. {@code descent figures} writes them all ({@link FigureReport}).
 */
public final class LectureFigures {

    private static final Map<String, LectureFigure> REGISTRY = new LinkedHashMap<>();

    static {
        add("gd-vs-sgd-paths", "GD vs SGD on the noisy quadratic: paths by batch size", Lecture.CTU_DLE_L7, "Batches",
                "Mini-batch SGD (lr 0.1, batch 1, 10, 100) and full-batch GD (batch 1000) on CTU DLE L7's "
                        + "f(w) = 1/(2*1000) sum (w - w_i)^T A (w - w_i): smaller batches wander more around the optimum.",
                StochasticFigures::gdVsSgdPaths);
        add("gd-vs-sgd-loss", "GD vs SGD on the noisy quadratic: loss by batch size", Lecture.CTU_DLE_L7,
                "Gradient Descent using randomized batches",
                "Excess loss f(w_k) - f* (log scale) of the same runs against the step: every batch size falls "
                        + "alike at first, then each levels off at a noise floor that shrinks with the batch size.",
                StochasticFigures::gdVsSgdLoss);
        add("gd-vs-sgd-cost", "GD vs SGD: loss against examples processed", Lecture.DL1_L4, "GD vs. SGD Convergence",
                "The same runs against the number of per-example gradients computed (log scale): in phase 1 "
                        + "small batches reach a given loss with far fewer examples than GD.",
                StochasticFigures::gdVsSgdCost);
        add("sigmoid-plateau-loss", "Sigmoid fit from the plateau: loss", Lecture.CTU_DLE_L7,
                "Drawback: Slow convergence on plateaus (e.g. sigmoid fitting problem)",
                "Loss (log scale) of GD, momentum, Nesterov, AdaGrad, RMSProp and Adam started on the plateau "
                        + "(0, -8) of a one-unit sigmoid fit: GD barely moves in 300 steps, the adaptive methods escape.",
                AdaptiveFigures::sigmoidPlateauLoss);
        add("sigmoid-plateau-paths", "Sigmoid fit from the plateau: paths", Lecture.CTU_DLE_L7,
                "Drawback: Slow convergence on plateaus (e.g. sigmoid fitting problem)",
                "The same six runs on the contours of the two-parameter loss.",
                AdaptiveFigures::sigmoidPlateauPaths);
        add("gd-regimes", "Gradient descent along one eigenvector: (1 - αλ)^k", Lecture.CSC413_L4, "Ill-conditioned curvature",
                "Gradient descent on f(w) = w^2/2 (lambda = 1) from w = 1 with alpha*lambda = 0.25, 1.75, 2.125: "
                        + "the iterates are exactly (1 - alpha*lambda)^k, which decays, oscillates or diverges.",
                CurvatureFigures::gdRegimes);
        add("ravine-momentum", "Ravine: GD vs heavy ball at optimal α*, β*", Lecture.CSC413_L4, "Ravines",
                "A rotated quadratic with eigenvalues 1 and 100: GD at alpha* = 2/(1+100) against heavy ball at "
                        + "alpha*, beta* from MomentumTuning (rates 0.980 vs 0.818 per step).",
                MomentumFigures::ravineMomentum);
        add("banana-momentum", "Banana valley: momentum β = 0 vs β = 0.99", Lecture.STAT_453_L12, "Momentum $\\beta = 0.0$",
                "Goh's banana (1 - x)^2 + 20 (3y - x^2)^2 with the same step size: beta = 0 creeps along the "
                        + "valley, beta = 0.99 swings through it with its own slow oscillations.",
                MomentumFigures::bananaMomentum);
        add("input-normalization", "Input normalization: raw vs standardized features", Lecture.CSC413_L4,
                "Ill-conditioned curvature: normalization",
                "GD at lr = 1/lambda_max on CSC413 L4's table (x1 ~ 1000, x2 ~ 1005) raw and standardized: "
                        + "the raw problem is so ill-conditioned that its loss stalls, the standardized one converges.",
                CurvatureFigures::inputNormalization);
        add("saddle-escape", "Saddle x² − y² + y⁴/2: exact vs noisy gradients", Lecture.CSC413_L4, "Saddle points",
                "GD started exactly on the saddle's stable manifold converges to the saddle; started 1e-4 off it, "
                        + "it escapes late; with seeded gradient noise (sigma 0.05) it escapes early.",
                CurvatureFigures::saddleEscape);
        add("schedule-conditions", "The schedules 1, 1/t and e^-t", Lecture.DL1_L4,
                "Choosing the Learning Rate Schedule of SGD",
                "The three schedules of DL1 L4's table; the CSV holds ConvergenceConditions' partial sums and "
                        + "verdicts at horizons 10 to 100000: only 1/t meets all of TTIC 31230's conditions.",
                ScheduleFigures::scheduleConditions);
        add("schedule-partial-sums", "Partial sums of η_t and η_t^2", Lecture.TTIC_31230, "The Classical Convergence Theorem",
                "S(H) = sum eta_t and Q(H) = sum eta_t^2 for the schedules 1, 1/t, e^-t: the constant's squares "
                        + "diverge, e^-t's sum converges, 1/t's sum grows like ln H while its squares converge.",
                ScheduleFigures::schedulePartialSums);
        add("schedules-decay", "Learning-rate schedules: decays", Lecture.STAT_453_L12, "LEARNING RATE SCHEDULER",
                "The library's monotone schedules (constant, step, halving, multistep, exponential, inverse "
                        + "time, 1/t, constant-lr warm-up factor) from lr 0.1 over 100 steps.",
                ScheduleFigures::schedulesDecay);
        add("schedules-cyclic", "Learning-rate schedules: annealing and cycles", Lecture.STAT_453_L12, "LEARNING RATE SCHEDULER",
                "The library's other schedules (cyclic, cosine, cosine with warm restarts, linear, polynomial, "
                        + "one-cycle) from lr 0.1 over 100 steps.",
                ScheduleFigures::schedulesCyclic);
        add("ema-bias-correction", "EMA bias correction on a noisy constant", Lecture.TTIC_31230, "Bias Correction",
                "x_t = 1 + 0.3 z_t averaged with N = 10 (beta = 0.9): the plain EMA starts biased toward 0, the "
                        + "1/t running mean is exact but stops tracking, min(t, N) and Adam's 1/(1 - beta^t) fix the start.",
                AdaptiveFigures::emaBiasCorrection);
        add("momentum-terminal-velocity", "Momentum on a constant slope: terminal velocity", Lecture.CSC413_L4, "Momentum",
                "Heavy ball on a constant gradient: the step approaches the terminal velocity alpha/(1 - mu) "
                        + "(DL1 L4's effective rate gamma/(1 - mu)) for mu = 0.5, 0.9, 0.95.",
                MomentumFigures::terminalVelocity);
        add("ravine-adaptive", "Axis-aligned ravine: GD, RMSprop, Adam", Lecture.CSC413_L4, "RMSprop and Adam",
                "An axis-aligned quadratic with curvatures 1 and 100: RMSprop and Adam rescale each coordinate "
                        + "and head straight down the ravine where GD at its largest stable rate crawls.",
                AdaptiveFigures::ravineAdaptive);
        add("learning-rate", "Learning rate: slow, oscillating, diverging", Lecture.CSC413_L4, "Learning Rate",
                "GD on a quadratic with curvatures 1 and 10 (alpha* = 2/11, 2/lambda_max = 0.2), each run labelled "
                        + "with the regime along the steep direction and the rate max|1 - alpha*lambda|: 0.01 creeps "
                        + "(0.99); 0.15 and 0.19 both oscillate across it, 0.15 converging faster (0.85 against 0.9, "
                        + "the rate rising ten times faster above alpha* than below); 0.21 > 2/lambda_max diverges (1.1).",
                CurvatureFigures::learningRate);
    }

    private LectureFigures() {}

    private static void add(String id, String title, Lecture lecture, String slide, String summary,
            Function<String, LectureFigure.Output> build) {
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
}
