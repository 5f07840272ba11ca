package org.descentlab.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.optim.Sgd;
import org.descentlab.problem.Quadratic;
import org.junit.jupiter.api.Test;

/**
 * Optimal gradient descent and heavy ball on a quadratic with kappa = 10^4 (eigenvalues 0.01 and 100):
 * predicted rates (kappa - 1)/(kappa + 1) = 0.99980 and (sqrt(kappa) - 1)/(sqrt(kappa) + 1) = 0.98020
 * against rates measured on runs of {@link Sgd}.
 */
class MomentumTuningTest {

    static final Quadratic Q = Quadratic.rotated2d(0.01, 100, 0.4, new double[] {1, -1}, null);

    @Test
    void formulas() {
        MomentumTuning.Tuning gd = MomentumTuning.gradientDescent(0.01, 100);
        assertEquals(2 / 100.01, gd.alpha(), 1e-15);
        assertEquals(0, gd.beta(), 0);
        assertEquals(9999.0 / 10001, gd.rate(), 1e-15);
        MomentumTuning.Tuning hb = MomentumTuning.heavyBall(0.01, 100);
        assertEquals(Math.pow(2 / 10.1, 2), hb.alpha(), 1e-15);
        assertEquals(Math.pow(9.9 / 10.1, 2), hb.beta(), 1e-15);
        assertEquals(99.0 / 101, hb.rate(), 1e-15);
        // The heavy-ball rate is sqrt(beta*).
        assertEquals(Math.sqrt(hb.beta()), hb.rate(), 1e-15);
    }

    /** Gradient descent at alpha* contracts both eigen-directions by exactly rho: measured = predicted to 1e-9. */
    @Test
    void gradientDescentRateIsExact() {
        MomentumTuning.Tuning gd = MomentumTuning.gradientDescent(0.01, 100);
        try (Sgd sgd = Sgd.of(gd.alpha())) {
            Trajectory t = TrajectoryRunner.run(Q, sgd, 1000);
            double measured = MomentumTuning.measuredRate(t, Q.optimum().orElseThrow(), 0, 1000);
            System.out.printf("GD at alpha*: rate measured %.9f, predicted %.9f%n", measured, gd.rate());
            assertEquals(gd.rate(), measured, 1e-9);
        }
    }

    /**
     * Heavy ball at (alpha*, beta*) measured over steps 200..1000: within 1% of the predicted 0.9802
     * (the double eigenvalue of the iteration adds a factor (k1/k0)^(1/(k1-k0)) ~ 1.002 here).
     */
    @Test
    void heavyBallRateMatchesPrediction() {
        MomentumTuning.Tuning hb = MomentumTuning.heavyBall(0.01, 100);
        try (Sgd sgd = Sgd.builder().lr(hb.alpha()).momentum(hb.beta()).build()) {
            Trajectory t = TrajectoryRunner.run(Q, sgd, 1000);
            double measured = MomentumTuning.measuredRate(t, Q.optimum().orElseThrow(), 200, 1000);
            System.out.printf("heavy ball at (alpha*, beta*): rate measured %.6f, predicted %.6f%n", measured, hb.rate());
            assertEquals(hb.rate(), measured, 0.01 * hb.rate());
            assertTrue(measured < MomentumTuning.gradientDescent(0.01, 100).rate());
        }
    }

    /** torch's SGD(lr = alpha, momentum = beta) is the heavy ball w_{k+1} = w_k - alpha g_k + beta (w_k - w_{k-1}). */
    @Test
    void torchSgdWithMomentumIsTheHeavyBall() {
        double alpha = 0.004;
        double beta = 0.9;
        try (Sgd sgd = Sgd.builder().lr(alpha).momentum(beta).build()) {
            Trajectory t = TrajectoryRunner.run(Q, sgd, 200);
            double[] prev = Q.start();
            double[] w = Q.start();
            for (int k = 0; k < 200; k++) {
                double[] g = Q.gradient(w, k);
                double[] next = new double[2];
                for (int i = 0; i < 2; i++) {
                    next[i] = w[i] - alpha * g[i] + beta * (w[i] - prev[i]);
                }
                prev = w;
                w = next;
                assertArrayEquals(w, t.params()[k + 1], 1e-12, "step " + (k + 1));
            }
        }
    }
}
