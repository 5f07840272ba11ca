package org.descentlab.exercise;

import org.descentlab.analysis.Hessians;
import org.descentlab.analysis.Hessians.Regime;
import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.Sgd;
import org.descentlab.plot.CurvePlot;
import org.descentlab.problem.Quadratic;
import org.descentlab.util.LinearAlgebra;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Exercise 8 (analytical): choose a stable learning rate for a quadratic from its Hessian and predict
 * the regime of gradient descent along each eigen-direction, CSC413 L4, slide "Ill-conditioned curvature".
 */
public final class StabilityExercise extends Exercise<StabilityAnswer> {

    /** The quadratic's eigenvalues; its eigenvectors are a random rotation, so H is not diagonal. */
    private static final double[] EIGENVALUES = {1, 5, 12};
    private static final long SEED = 3;
    /** Gradient descent steps run to show the regimes. */
    static final int STEPS = 30;

    private final Quadratic problem = Quadratic.randomRotation(EIGENVALUES, SEED, null, null);

    StabilityExercise() {
        super(new Statement("stability", "A stable learning rate from the Hessian",
                "CSC413 L4, slide \"Ill-conditioned curvature\": (1 - alpha lambda)^k decays, oscillates or"
                        + " diverges; alpha < 2 / lambda_max",
                "`Exercises.stability().hessian()` is the Hessian H of a quadratic f(w) = 1/2 w^T H w. Gradient"
                        + " descent multiplies the error along the i-th eigenvector of H by (1 - alpha lambda_i)"
                        + " each step. (a) Choose a learning rate alpha for which gradient descent converges (any"
                        + " alpha < 2 / lambda_max; the fastest is alpha* = 2 / (lambda_min + lambda_max), with rate"
                        + " (kappa - 1) / (kappa + 1): below it the flat direction is slower, above it the stiff one)."
                        + " (b) For each"
                        + " eigen-direction, smallest eigenvalue first, predict the regime: DECAY (monotone), OSCILLATE"
                        + " (sign flips, still shrinking) or DIVERGE. (c) Say in a sentence why. The check runs"
                        + " gradient descent with your alpha and shows the error along each direction.",
                "e_i(k) = (1 - alpha lambda_i)^k e_i(0)\n"
                        + "0 < alpha lambda_i <= 1  -> DECAY\n1 < alpha lambda_i <= 2  -> OSCILLATE (converges while < 2)\n"
                        + "alpha lambda_i > 2       -> DIVERGE\nconverges for every start iff alpha < 2 / lambda_max"),
                StabilityAnswer.class);
    }

    /** The Hessian of the exercise's quadratic. */
    public double[][] hessian() {
        return problem.matrix();
    }

    /**
     * The Hessian of the hidden case drawn from {@code seed} (what the hidden test cell assigns to {@code H}
     * before it checks the answer again): other eigenvalues, another rotation.
     */
    public double[][] hessian(long seed) {
        return hiddenProblem(seed).matrix();
    }

    private static Quadratic hiddenProblem(long seed) {
        java.util.Random rng = new java.util.Random(seed);
        double[] eig = new double[3];
        eig[0] = 0.5 + rng.nextDouble();
        eig[1] = eig[0] * (2 + 3 * rng.nextDouble());
        eig[2] = eig[1] * (1.5 + 2 * rng.nextDouble());
        return Quadratic.randomRotation(eig, rng.nextLong(), null, null);
    }

    /** The quadratic itself (for plotting or experimenting). */
    public Quadratic problem() {
        return problem;
    }

    @Override
    public StabilityAnswer reference() {
        double[][] h = hessian();
        double alpha = 0.75 * Hessians.maxStableLearningRate(h);
        double[] lambda = Hessians.eigenvalues(h);
        return new StabilityAnswer(alpha, Hessians.regimes(alpha, lambda),
                "alpha = 0.75 * 2 / lambda_max: the stiffest direction oscillates but shrinks, the others decay.");
    }

    @Override
    public String skeletonCell() {
        return """
                double[][] H = Exercises.stability().hessian();
                // Hessians.eigen(H).values() are the eigenvalues, ascending; Hessians.Regime has DECAY, OSCILLATE, DIVERGE
                StabilityAnswer mine = new StabilityAnswer(
                    Double.NaN,                        // alpha: TODO
                    List.of(/* TODO: one Hessians.Regime per eigenvalue, smallest first */),
                    "TODO: why");""";
    }

    @Override
    public String checkCell() {
        return checkCell("Exercises.stability()");
    }

    @Override
    public List<Diagnosis> diagnosable() {
        return List.of(Diagnosis.NONPOSITIVE_LEARNING_RATE, Diagnosis.UNSTABLE_LEARNING_RATE, Diagnosis.USED_DIAGONAL,
                Diagnosis.USED_LAMBDA_MIN, Diagnosis.WRONG_REGIME_COUNT, Diagnosis.REGIMES_REVERSED,
                Diagnosis.REGIME_THRESHOLD);
    }

    @Override
    protected CheckResult checkNonNull(StabilityAnswer answer, java.util.OptionalLong hiddenSeed) {
        Quadratic problem = hiddenSeed.isPresent() ? hiddenProblem(hiddenSeed.getAsLong()) : this.problem;
        double[][] h = problem.matrix();
        LinearAlgebra.Eigen eigen = Hessians.eigen(h);
        double[] lambda = eigen.values();
        double lambdaMax = lambda[lambda.length - 1];
        double bound = 2 / lambdaMax;
        double alpha = answer.alpha();
        String setting = "lambda = " + fmtAll(lambda) + ", 2 / lambda_max = " + fmt(bound);
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            Divergence d = new Divergence("learning rate", setting, -1, "alpha", bound, alpha);
            return fail(Diagnosis.NONPOSITIVE_LEARNING_RATE, d,
                    "Your alpha = " + alpha + ". " + Diagnosis.NONPOSITIVE_LEARNING_RATE.explanation(), null);
        }
        if (alpha >= bound) {
            double maxDiag = 0;
            for (int i = 0; i < h.length; i++) {
                maxDiag = Math.max(maxDiag, h[i][i]);
            }
            Diagnosis dg = Diagnosis.UNSTABLE_LEARNING_RATE;
            if (alpha < 2 / maxDiag * (1 + 1e-9)) {
                dg = Diagnosis.USED_DIAGONAL;
            } else if (alpha >= 1 / lambda[0] && alpha <= 2 / lambda[0] * (1 + 1e-9)) {
                dg = Diagnosis.USED_LAMBDA_MIN;
            }
            Divergence d = new Divergence("learning rate", setting, -1, "alpha (must be < 2 / lambda_max)", bound, alpha);
            StringBuilder body = new StringBuilder();
            body.append("Your alpha = ").append(fmt(alpha)).append(" is not below 2 / lambda_max = ").append(fmt(bound))
                    .append(" (eigenvalues ").append(fmtAll(lambda)).append(", diagonal of H ")
                    .append(fmtAll(diagonal(h))).append(").\n\n")
                    .append("    expected: alpha < ").append(fmt(bound)).append("\n")
                    .append("    yours:    alpha = ").append(fmt(alpha)).append("\n\n")
                    .append(factors(problem, alpha, lambda, eigen))
                    .append("\n\nDiagnosis: **").append(dg.title()).append("** [").append(dg.id()).append("]\n")
                    .append(dg.explanation());
            return fail(dg, d, body.toString(), figure(problem, alpha, eigen));
        }
        List<Regime> expected = Hessians.regimes(alpha, lambda);
        List<Regime> given = answer.regimes();
        if (given == null || given.size() != expected.size() || given.stream().anyMatch(java.util.Objects::isNull)) {
            Divergence d = new Divergence("regimes", setting, -1, "number of regimes", expected.size(),
                    given == null ? 0 : given.size());
            return fail(Diagnosis.WRONG_REGIME_COUNT, d, "The quadratic has " + expected.size()
                    + " eigen-directions (eigenvalues " + fmtAll(lambda) + ") but your answer lists "
                    + (given == null ? "no regimes" : given.size() + " regimes " + given) + ".\n"
                    + Diagnosis.WRONG_REGIME_COUNT.explanation(), figure(problem, alpha, eigen));
        }
        if (!given.equals(expected)) {
            List<Regime> reversed = new ArrayList<>(given);
            Collections.reverse(reversed);
            int i = 0;
            while (given.get(i) == expected.get(i)) {
                i++;
            }
            Diagnosis dg = reversed.equals(expected) ? Diagnosis.REGIMES_REVERSED : Diagnosis.REGIME_THRESHOLD;
            double p = alpha * lambda[i];
            Divergence d = new Divergence("regimes", setting, -1,
                    "regime of direction " + (i + 1) + " (lambda = " + fmt(lambda[i]) + ")", 1 - p, Double.NaN);
            String body = "Your alpha = " + fmt(alpha) + " is stable (2 / lambda_max = " + fmt(bound) + ").\n\n"
                    + "First wrong regime: direction " + (i + 1) + ", lambda = " + fmt(lambda[i]) + ", alpha lambda = "
                    + fmt(p) + ", factor per step 1 - alpha lambda = " + fmt(1 - p) + "\n\n"
                    + "    expected: " + expected.get(i) + "\n    yours:    " + given.get(i) + "\n\n"
                    + "Expected " + expected + ", yours " + given + ".\n\n" + factors(problem, alpha, lambda, eigen)
                    + "\n\nDiagnosis: **" + dg.title() + "** [" + dg.id() + "]\n" + dg.explanation();
            return fail(dg, d, body, figure(problem, alpha, eigen));
        }
        String body = "alpha = " + fmt(alpha) + " < 2 / lambda_max = " + fmt(bound) + " (" + fmt(alpha / bound * 100)
                + "% of the bound), regimes " + given + " as predicted.\n\n" + factors(problem, alpha, lambda, eigen)
                + (answer.explanation() == null || answer.explanation().isBlank() ? ""
                        : "\n\nYour explanation: " + answer.explanation());
        return pass(body, figure(problem, alpha, eigen));
    }

    /** Gradient descent with the library's Sgd; predicted and observed factors along each eigenvector. */
    private static String factors(Quadratic problem, double alpha, double[] lambda, LinearAlgebra.Eigen eigen) {
        Trajectory tr = TrajectoryRunner.run(problem, Sgd.of(alpha), null, problem.start(), STEPS);
        StringBuilder sb = new StringBuilder("Gradient descent with alpha = " + fmt(alpha)
                + " from the default start (the library's Sgd), error along each eigenvector:\n\n"
                + "| direction | lambda | alpha lambda | predicted 1 - alpha lambda | observed factor (step 1) | regime |\n"
                + "|---|---|---|---|---|---|");
        double[] optimum = problem.optimum().orElseThrow();
        for (int i = 0; i < lambda.length; i++) {
            double[] f = Hessians.observedFactors(tr, optimum, eigen.vector(i));
            sb.append(String.format(Locale.ROOT, "\n| %d | %s | %s | %s | %s | %s |", i + 1, fmt(lambda[i]),
                    fmt(alpha * lambda[i]), fmt(1 - alpha * lambda[i]), fmt(f[0]), Regime.of(alpha, lambda[i])));
        }
        sb.append(String.format(Locale.ROOT, "\n\nAfter %d steps the loss is %.4g (it was %.4g).", STEPS,
                tr.lastLoss(), tr.loss()[0]));
        return sb.toString();
    }

    private static BufferedImage figure(Quadratic problem, double alpha, LinearAlgebra.Eigen eigen) {
        try {
            Trajectory tr = TrajectoryRunner.run(problem, Sgd.of(alpha), null, problem.start(), STEPS);
            double[] optimum = problem.optimum().orElseThrow();
            CurvePlot plot = new CurvePlot("Gradient descent, alpha = " + fmt(alpha) + ": |error| per eigen-direction",
                    "step", "|error along q_i|").logY(true);
            double[][] p = tr.params();
            for (int i = 0; i < eigen.values().length; i++) {
                double[] q = eigen.vector(i);
                double[] e = new double[p.length];
                for (int k = 0; k < p.length; k++) {
                    double s = 0;
                    for (int j = 0; j < q.length; j++) {
                        s += (p[k][j] - optimum[j]) * q[j];
                    }
                    e[k] = Math.max(Math.abs(s), 1e-300);
                    if (!Double.isFinite(e[k])) {
                        e[k] = Double.MAX_VALUE;
                    }
                }
                plot.add("lambda = " + fmt(eigen.values()[i]) + " (" + Regime.of(alpha, eigen.values()[i]) + ")", e);
            }
            return plot.toImage();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static double[] diagonal(double[][] h) {
        double[] d = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            d[i] = h[i][i];
        }
        return d;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String fmtAll(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(fmt(v[i]));
        }
        return sb.append("]").toString();
    }
}
