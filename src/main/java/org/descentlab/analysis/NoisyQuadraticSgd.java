package org.descentlab.analysis;

import org.descentlab.problem.NoisyQuadratic;
import org.descentlab.util.Check;
import org.descentlab.util.LinearAlgebra;
import org.descentlab.util.Matrices;

/**
 * The expected loss of plain constant-rate SGD on a {@link NoisyQuadratic}, in closed form (the
 * "noisy quadratic model" of Zhang et al. 2019). A mini-batch gradient there is {@code A (w - m_B)}:
 * the full gradient plus a noise {@code xi = A (m - m_B)} that does not depend on {@code w}, with
 * covariance {@code S = A C A / B * (N - B) / (N - 1)} ({@code C} the population covariance of the
 * points, {@code m} their mean, the optimum). So {@code e = w - m} follows
 * {@code e' = (I - eta A) e - eta xi}; in A's eigenbasis ({@code A = Q diag(lambda) Q^T},
 * {@code e~ = Q^T e}, {@code S~ = Q^T S Q}), with {@code r_i = (1 - eta lambda_i)^2},
 *
 * <pre>
 *   E f(w_t) - f* = 1/2 sum_i lambda_i [ r_i^t e~_i(0)^2 + eta^2 S~_ii (1 - r_i^t) / (1 - r_i) ]
 *   stationary:   = (eta / 2) sum_i S~_ii / (2 - eta lambda_i)          (0 &lt; eta lambda_i &lt; 2)
 *   first order:  ~ (eta / 4) tr(S)
 * </pre>
 *
 * The stationary value is SGD's "temperature" (TTIC 31230, slide "Temperature"): halving eta halves
 * only its first-order term. The expected loss per step gives the updates needed to reach a target
 * loss against the batch size without sampling noise (CSC413 L4, the batch-size slides citing Shallue
 * et al. 2018).
 */
public final class NoisyQuadraticSgd {

    private final double[] lambda;
    private final double[] noise;
    private final double[][] q;
    private final double[] optimum;
    private final NoisyQuadratic problem;
    private final int batchSize;

    /** The best rate of a grid and its count of updates; {@code steps} is -1 if no rate reached the target. */
    public record Result(int batchSize, double lr, long steps) {

        /** Whether some rate reached the target within the budget. */
        public boolean reached() {
            return steps >= 0;
        }

        /** The examples the updates consumed, {@code steps * batchSize}, or -1 if not reached. */
        public long examples() {
            return steps < 0 ? -1 : steps * batchSize;
        }
    }

    /** SGD with mini-batches of {@code batchSize} (in {@code [1, N]}) on {@code problem}. */
    public NoisyQuadraticSgd(NoisyQuadratic problem, int batchSize) {
        this.problem = Check.notNull("problem", problem);
        this.batchSize = problem.checkBatchSize(batchSize);
        LinearAlgebra.Eigen eigen = LinearAlgebra.eigenSymmetric(problem.matrix());
        this.lambda = eigen.values();
        this.q = eigen.vectors();
        this.optimum = problem.optimum().orElseThrow();
        double[][] a = problem.matrix();
        double[][] points = problem.points();
        int n = points.length;
        int d = a.length;
        this.noise = new double[d];
        for (double[] p : points) {
            double[] ar = Matrices.multiply(a, minus(p, optimum));
            for (int i = 0; i < d; i++) {
                double c = Matrices.dot(eigen.vector(i), ar);
                noise[i] += c * c;
            }
        }
        double factor = n == 1 ? 0 : (double) (n - batchSize) / (n - 1);
        for (int i = 0; i < d; i++) {
            noise[i] = noise[i] / n / batchSize * factor;
        }
    }

    /** The batch size. */
    public int batchSize() {
        return batchSize;
    }

    /** The largest stable rate {@code 2 / lambda_max} (exclusive). */
    public double maxStableLr() {
        return 2 / lambda[lambda.length - 1];
    }

    /** The exact stationary {@code E f(w) - f*} at rate {@code lr}, {@code 0 < lr < maxStableLr()}. */
    public double stationaryExcess(double lr) {
        checkLr(lr);
        double sum = 0;
        for (int i = 0; i < lambda.length; i++) {
            sum += noise[i] / (2 - lr * lambda[i]);
        }
        return lr / 2 * sum;
    }

    /** The first-order term {@code (lr / 4) tr(S)} of {@link #stationaryExcess}: linear in the rate. */
    public double firstOrderExcess(double lr) {
        Check.positive("lr", lr);
        double trace = 0;
        for (double v : noise) {
            trace += v;
        }
        return lr / 4 * trace;
    }

    /** The exact {@code E f(w_t) - f*} after {@code t >= 0} updates at rate {@code lr} from {@code start}. */
    public double expectedExcess(double lr, double[] start, long t) {
        checkLr(lr);
        Check.atLeast("t", t, 0);
        double[] e0 = eigenCoordinates(start);
        double sum = 0;
        for (int i = 0; i < lambda.length; i++) {
            double r = (1 - lr * lambda[i]) * (1 - lr * lambda[i]);
            double rt = Math.pow(r, t);
            sum += lambda[i] * (rt * e0[i] * e0[i] + lr * lr * noise[i] * (1 - rt) / (1 - r));
        }
        return sum / 2;
    }

    /**
     * The first {@code t} at which {@link #expectedExcess} is at most {@code target}, or -1 if that
     * does not happen within {@code maxSteps} (e.g. the target lies below the rate's stationary loss).
     */
    public long stepsToTarget(double lr, double[] start, double target, long maxSteps) {
        checkLr(lr);
        Check.positive("target", target);
        Check.atLeast("maxSteps", maxSteps, 0);
        double[] e0 = eigenCoordinates(start);
        int d = lambda.length;
        double[] r = new double[d];
        double[] rt = new double[d];
        double[] stationary = new double[d];
        boolean decreasing = true;
        for (int i = 0; i < d; i++) {
            r[i] = (1 - lr * lambda[i]) * (1 - lr * lambda[i]);
            rt[i] = 1;
            stationary[i] = lambda[i] * lr * lr * noise[i] / (1 - r[i]);
            decreasing &= lambda[i] * e0[i] * e0[i] >= stationary[i];
        }
        if (decreasing && stationaryExcess(lr) > target) {
            // Every direction falls monotonically towards its stationary share: the sum never gets below it.
            return -1;
        }
        for (long t = 0; t <= maxSteps; t++) {
            double sum = 0;
            for (int i = 0; i < d; i++) {
                sum += lambda[i] * rt[i] * e0[i] * e0[i] + stationary[i] * (1 - rt[i]);
                rt[i] *= r[i];
            }
            if (sum / 2 <= target) {
                return t;
            }
        }
        return -1;
    }

    /** The rate of {@code lrs} with the fewest {@link #stepsToTarget} (the first of equals), as in Shallue et al. */
    public Result fewestSteps(double[] lrs, double[] start, double target, long maxSteps) {
        Check.notNull("lrs", lrs);
        if (lrs.length == 0) {
            throw new IllegalArgumentException("lrs must hold at least 1 learning rate");
        }
        double bestLr = Double.NaN;
        long best = -1;
        for (double lr : lrs) {
            Check.positive("lrs[]", lr);
            if (lr >= maxStableLr()) {
                continue; // diverges in expectation: no target is reached
            }
            long s = stepsToTarget(lr, start, target, best < 0 ? maxSteps : best);
            if (s >= 0 && (best < 0 || s < best)) {
                best = s;
                bestLr = lr;
            }
        }
        return new Result(batchSize, bestLr, best);
    }

    private double[] eigenCoordinates(double[] start) {
        double[] e = minus(problem.checkPoint("start", start), optimum);
        double[] out = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            for (int k = 0; k < e.length; k++) {
                out[i] += q[k][i] * e[k];
            }
        }
        return out;
    }

    private void checkLr(double lr) {
        Check.positive("lr", lr);
        if (!(lr < maxStableLr())) {
            throw new IllegalArgumentException("lr = " + lr + " is invalid: SGD on this problem is stable only for lr < 2 / lambda_max = "
                    + maxStableLr());
        }
    }

    private static double[] minus(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            r[j] = a[j] - b[j];
        }
        return r;
    }
}
