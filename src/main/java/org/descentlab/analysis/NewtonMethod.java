package org.descentlab.analysis;

import org.descentlab.problem.Problem;
import org.descentlab.util.Check;
import org.descentlab.util.LinearAlgebra;
import org.descentlab.util.Matrices;

/**
 * Newton's method, CTU DLE L7, slide with "adjusts the direction of the gradient":
 *
 * <pre>
 *   w_k = w_{k-1} - alpha (H + mu I)^{-1} g,   H and g at w_{k-1}
 * </pre>
 *
 * The system is solved by Cholesky factorisation, so {@code H + mu I} must be positive definite. With
 * damping {@code mu = 0} (pure Newton) an indefinite or singular Hessian (a saddle, a maximum, a
 * plateau) is an error naming the step and the smallest eigenvalue; any {@code mu} above
 * {@code -lambda_min} makes the step a descent direction again (Levenberg's damping). The Hessian is
 * the problem's analytic one, else {@link Hessians#finiteDifference}. Not a {@code DescentOptimizer}:
 * an optimizer's update sees only the gradient. The result is an ordinary {@link Trajectory} so plots
 * and tables put it next to the optimizers.
 */
public final class NewtonMethod {

    private NewtonMethod() {}

    /** Pure Newton ({@code mu = 0}) from the problem's default start. */
    public static Trajectory run(Problem problem, double alpha, int steps) {
        return run(problem, alpha, problem.start(), steps, 0);
    }

    /** Pure Newton ({@code mu = 0}). */
    public static Trajectory run(Problem problem, double alpha, double[] start, int steps) {
        return run(problem, alpha, start, steps, 0);
    }

    /**
     * @param alpha the step size, finite and {@code > 0} (1 is the full Newton step)
     * @param steps the number of updates, {@code >= 0}
     * @param damping {@code mu}, finite and {@code >= 0}
     * @throws IllegalStateException if {@code H + mu I} is not positive definite at some step
     */
    public static Trajectory run(Problem problem, double alpha, double[] start, int steps, double damping) {
        Check.notNull("problem", problem);
        Check.positive("alpha", alpha);
        problem.checkPoint("start", start);
        Check.atLeast("steps", steps, 0);
        Check.nonNegative("damping", damping);
        int n = problem.dimension();
        double[][] params = new double[steps + 1][];
        double[] loss = new double[steps + 1];
        double[] gradNorm = new double[steps + 1];
        double[] lr = new double[steps + 1];
        double[] w = start.clone();
        for (int k = 0; k <= steps; k++) {
            double[] g = problem.gradient(w, k);
            params[k] = w.clone();
            loss[k] = problem.loss(w);
            gradNorm[k] = Matrices.norm(g);
            lr[k] = alpha;
            if (k == steps) {
                break;
            }
            double[][] h = Hessians.at(problem, w);
            for (int i = 0; i < n; i++) {
                h[i][i] += damping;
            }
            double[] d;
            try {
                d = LinearAlgebra.solveSpd(h, g);
            } catch (IllegalArgumentException e) {
                double lmin = LinearAlgebra.eigenSymmetric(h).min() - damping;
                throw new IllegalStateException(
                        "Newton step " + k + " on " + problem.name() + " at " + java.util.Arrays.toString(w)
                                + ": H + mu I is not positive definite (smallest Hessian eigenvalue " + lmin
                                + ", damping mu = " + damping + "); use damping > " + Math.max(0, -lmin), e);
            }
            for (int i = 0; i < n; i++) {
                w[i] -= alpha * d[i];
            }
            if (!allFinite(w)) {
                throw new IllegalStateException(
                        "Newton step " + k + " on " + problem.name() + " produced non-finite parameters");
            }
        }
        String label = damping == 0 ? "Newton(alpha=" + alpha + ")" : "Newton(alpha=" + alpha + ", damping=" + damping + ")";
        return new Trajectory(label, params, loss, gradNorm, lr);
    }

    private static boolean allFinite(double[] w) {
        for (double v : w) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
