package org.descentlab.analysis;

import org.descentlab.util.Check;

/**
 * Optimal constant hyper-parameters on a quadratic whose Hessian eigenvalues lie in
 * {@code [lambda_1, lambda_n]} (condition number {@code kappa = lambda_n / lambda_1}); the
 * analysis behind CSC413 L4, slide "Momentum" and DL1 L4, slide "Momentum" (Polyak's heavy ball; see also Goh
 * 2017, "Why Momentum Really Works").
 *
 * <pre>
 *   gradient descent:  alpha* = 2 / (lambda_1 + lambda_n),                    rate (kappa - 1) / (kappa + 1)
 *   heavy ball:        alpha* = (2 / (sqrt(lambda_1) + sqrt(lambda_n)))^2,
 *                      beta*  = ((sqrt(lambda_n) - sqrt(lambda_1)) / (sqrt(lambda_n) + sqrt(lambda_1)))^2,
 *                                                                             rate (sqrt(kappa) - 1) / (sqrt(kappa) + 1)
 * </pre>
 *
 * Heavy ball is {@code w_{k+1} = w_k - alpha g_k + beta (w_k - w_{k-1})}, which is exactly
 * {@code Sgd} (torch's SGD) with {@code lr = alpha, momentum = beta, dampening = 0}: torch keeps
 * {@code b_k = beta b_{k-1} + g_k} and steps {@code w_{k+1} = w_k - alpha b_k}, and
 * {@code alpha b_{k-1} = w_{k-1} - w_k}. The rate is the asymptotic factor by which the distance to
 * the optimum shrinks per step. At the optimal heavy-ball parameters the iteration matrix has a
 * double eigenvalue, so the error behaves like {@code k rho^k}: a rate measured over a finite window
 * is slightly above {@code rho}.
 */
public final class MomentumTuning {

    /** Hyper-parameters and the convergence rate they achieve. */
    public record Tuning(double alpha, double beta, double rate) {}

    private MomentumTuning() {}

    /** Gradient descent with its best constant step. */
    public static Tuning gradientDescent(double lambdaMin, double lambdaMax) {
        checkSpectrum(lambdaMin, lambdaMax);
        double kappa = lambdaMax / lambdaMin;
        return new Tuning(2 / (lambdaMin + lambdaMax), 0, (kappa - 1) / (kappa + 1));
    }

    /** Heavy-ball momentum with its best constant step and momentum. */
    public static Tuning heavyBall(double lambdaMin, double lambdaMax) {
        checkSpectrum(lambdaMin, lambdaMax);
        double a = Math.sqrt(lambdaMin);
        double b = Math.sqrt(lambdaMax);
        double alpha = Math.pow(2 / (a + b), 2);
        double beta = Math.pow((b - a) / (b + a), 2);
        double sk = Math.sqrt(lambdaMax / lambdaMin);
        return new Tuning(alpha, beta, (sk - 1) / (sk + 1));
    }

    /**
     * The rate measured on a trajectory: {@code (|w_to - w*| / |w_from - w*|)^(1 / (to - from))}, the
     * geometric mean of the per-step contraction of the distance to {@code optimum}.
     */
    public static double measuredRate(Trajectory trajectory, double[] optimum, int from, int to) {
        Check.notNull("trajectory", trajectory);
        Check.allFinite("optimum", optimum);
        if (from < 0 || to <= from || to > trajectory.steps()) {
            throw new IllegalArgumentException(
                    "from = " + from + ", to = " + to + " is invalid: need 0 <= from < to <= " + trajectory.steps());
        }
        double d0 = distance(trajectory.params()[from], optimum);
        double d1 = distance(trajectory.params()[to], optimum);
        return Math.pow(d1 / d0, 1.0 / (to - from));
    }

    private static double distance(double[] w, double[] o) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += (w[i] - o[i]) * (w[i] - o[i]);
        }
        return Math.sqrt(s);
    }

    private static void checkSpectrum(double lambdaMin, double lambdaMax) {
        Check.positive("lambdaMin", lambdaMin);
        Check.positive("lambdaMax", lambdaMax);
        if (lambdaMax < lambdaMin) {
            throw new IllegalArgumentException(
                    "lambdaMax = " + lambdaMax + " is invalid: must be >= lambdaMin = " + lambdaMin);
        }
    }
}
