package org.descentlab.analysis;

import org.descentlab.problem.Problem;
import org.descentlab.util.Check;
import org.descentlab.util.LinearAlgebra;

import java.util.ArrayList;
import java.util.List;

/**
 * Hessian-based analysis of gradient descent (CSC413 L4, slide "Ill-conditioned curvature", DL1 L4,
 * slide "Recap: Hessian-Based Analysis"): finite-difference Hessians, the spectral decomposition
 * {@code H = Q Lambda Q^T}, the condition number, the stability threshold {@code alpha < 2 /
 * lambda_max}, and the per-direction regime of {@code (1 - alpha lambda_i)^k}.
 */
public final class Hessians {

    /** The relative finite-difference step: {@code h_i = STEP * max(1, |w_i|)}. */
    public static final double STEP = 1e-5;

    private Hessians() {}

    /**
     * What gradient descent does along an eigen-direction with curvature {@code lambda} at learning
     * rate {@code alpha}: the error there is multiplied by {@code 1 - alpha lambda} each step.
     */
    public enum Regime {
        /** {@code 0 < alpha lambda <= 1}: monotone decay to 0. */
        DECAY,
        /** {@code 1 < alpha lambda <= 2}: sign flips each step; decays while {@code < 2}, constant at 2. */
        OSCILLATE,
        /** {@code alpha lambda > 2}: oscillates with growing amplitude. */
        DIVERGE,
        /** {@code lambda = 0} (or {@code alpha = 0}): the factor is 1, no movement along it. */
        STALL,
        /** {@code lambda < 0} (negative curvature, as at a saddle): the error grows monotonically, escape. */
        GROW;

        /** The regime of {@code 1 - alpha lambda} (CSC413 L4's cases, plus {@code lambda <= 0}). */
        public static Regime of(double alpha, double lambda) {
            Check.nonNegative("alpha", alpha);
            Check.finite("lambda", lambda);
            double p = alpha * lambda;
            if (p < 0) {
                return GROW;
            }
            if (p == 0) {
                return STALL;
            }
            if (p <= 1) {
                return DECAY;
            }
            return p <= 2 ? OSCILLATE : DIVERGE;
        }
    }

    /** A problem's analytic Hessian at {@code w}, or the finite-difference one if it has none. */
    public static double[][] at(Problem problem, double[] w) {
        Check.notNull("problem", problem);
        problem.checkPoint("w", w);
        return problem.hessian(w).orElseGet(() -> finiteDifference(problem, w));
    }

    /**
     * Central differences of the analytic gradient, column by column,
     * {@code H[.][i] = (g(w + h_i e_i) - g(w - h_i e_i)) / (2 h_i)} with {@code h_i = 1e-5 max(1, |w_i|)},
     * then symmetrised as {@code (H + H^T)/2}. Truncation error {@code O(h^2)}, rounding
     * {@code O(eps |g| / h)}: about 1e-8 relative for well-scaled problems.
     */
    public static double[][] finiteDifference(Problem problem, double[] w) {
        return finiteDifference(problem, w, STEP);
    }

    /** {@link #finiteDifference(Problem, double[])} with relative step {@code step}. */
    public static double[][] finiteDifference(Problem problem, double[] w, double step) {
        Check.notNull("problem", problem);
        problem.checkPoint("w", w);
        Check.positive("step", step);
        int n = w.length;
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            CentralDifference d = CentralDifference.along(w, i, step);
            double[] gp = problem.gradient(d.plus(), 0);
            double[] gm = problem.gradient(d.minus(), 0);
            for (int j = 0; j < n; j++) {
                h[j][i] = (gp[j] - gm[j]) / d.width();
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double m = 0.5 * (h[i][j] + h[j][i]);
                h[i][j] = m;
                h[j][i] = m;
            }
        }
        return h;
    }

    /** The spectral decomposition of a symmetric matrix (cyclic Jacobi, eigenvalues ascending). */
    public static LinearAlgebra.Eigen eigen(double[][] h) {
        return LinearAlgebra.eigenSymmetric(h);
    }

    /** The eigenvalues of a symmetric matrix, ascending. */
    public static double[] eigenvalues(double[][] h) {
        return eigen(h).values();
    }

    /**
     * {@code lambda_max / lambda_min} of a symmetric positive definite matrix.
     *
     * @throws IllegalArgumentException if the smallest eigenvalue is {@code <= 0} (the condition number
     *     of DL1 L4 is defined at a minimum, where {@code H} is positive definite)
     */
    public static double conditionNumber(double[][] h) {
        double[] l = eigenvalues(h);
        if (!(l[0] > 0)) {
            throw new IllegalArgumentException(
                    "the condition number needs a positive definite matrix: smallest eigenvalue " + l[0]
                            + " is invalid (must be > 0)");
        }
        return l[l.length - 1] / l[0];
    }

    /**
     * {@code 2 / lambda_max}: gradient descent on a quadratic with this Hessian converges for every
     * start iff {@code alpha < 2 / lambda_max} (CSC413 L4, slide "Just showed").
     */
    public static double maxStableLearningRate(double[][] h) {
        double max = eigen(h).max();
        if (!(max > 0)) {
            throw new IllegalArgumentException(
                    "lambda_max = " + max + " is invalid: no positive curvature, so no learning-rate bound (must be > 0)");
        }
        return 2 / max;
    }

    /** The regime of each eigenvalue (in the order given). */
    public static List<Regime> regimes(double alpha, double[] eigenvalues) {
        Check.allFinite("eigenvalues", eigenvalues);
        List<Regime> out = new ArrayList<>();
        for (double l : eigenvalues) {
            out.add(Regime.of(alpha, l));
        }
        return out;
    }

    /**
     * The predicted per-step contraction of gradient descent on a quadratic: {@code max_i |1 - alpha
     * lambda_i|}; below 1 it converges, above 1 it diverges.
     */
    public static double predictedContraction(double alpha, double[] eigenvalues) {
        Check.nonNegative("alpha", alpha);
        Check.allFinite("eigenvalues", eigenvalues);
        double m = 0;
        for (double l : eigenvalues) {
            m = Math.max(m, Math.abs(1 - alpha * l));
        }
        return m;
    }

    /**
     * The observed per-step factors along {@code direction} (a unit eigenvector): with
     * {@code e_k = (w_k - optimum) . direction}, returns {@code e_{k+1} / e_k} for
     * {@code k = 0 .. steps-1} (signed; NaN where {@code e_k = 0}). On a quadratic under gradient
     * descent each equals {@code 1 - alpha lambda}.
     */
    public static double[] observedFactors(Trajectory trajectory, double[] optimum, double[] direction) {
        Check.notNull("trajectory", trajectory);
        Check.allFinite("optimum", optimum);
        Check.allFinite("direction", direction);
        double[][] p = trajectory.params();
        if (optimum.length != p[0].length || direction.length != p[0].length) {
            throw new IllegalArgumentException(
                    "optimum and direction must have the trajectory's dimension " + p[0].length);
        }
        double[] out = new double[p.length - 1];
        double prev = project(p[0], optimum, direction);
        for (int k = 0; k + 1 < p.length; k++) {
            double next = project(p[k + 1], optimum, direction);
            out[k] = prev == 0 ? Double.NaN : next / prev;
            prev = next;
        }
        return out;
    }

    /**
     * The observed per-step contraction over a trajectory: the largest {@code |e_{k+1} / e_k|} over the
     * given directions, each taken at the step {@code k}.
     */
    public static double observedContraction(Trajectory trajectory, double[] optimum, double[][] directions, int k) {
        double m = 0;
        for (double[] d : directions) {
            double[] f = observedFactors(trajectory, optimum, d);
            if (k < 0 || k >= f.length) {
                throw new IllegalArgumentException(
                        "k = " + k + " is invalid: must be an integer in [0, " + (f.length - 1) + "]");
            }
            m = Math.max(m, Math.abs(f[k]));
        }
        return m;
    }

    private static double project(double[] w, double[] optimum, double[] direction) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += (w[i] - optimum[i]) * direction[i];
        }
        return s;
    }
}
