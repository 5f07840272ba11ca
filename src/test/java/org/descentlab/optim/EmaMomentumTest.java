package org.descentlab.optim;

import static org.descentlab.optim.Runs.assertRelative;
import static org.descentlab.optim.Runs.assertTrajectories;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.descentlab.problem.DiagonalQuadratic;
import org.descentlab.problem.Rosenbrock;
import org.junit.jupiter.api.Test;

/** TTIC 31230's EMA momentum, its bias corrections and its equivalence with heavy-ball momentum. */
class EmaMomentumTest {

    private static final double[][] G = {{1.0, -2.0}, {0.5, 0.25}, {-1.0, 3.0}};
    private static final double[] START = {1.0, 2.0};

    @Test
    void firstStepsByHandWithoutBiasCorrection() {
        // beta 0.5, lr 0.1: m1 = 0.5 g1 = (0.5, -1);         w1 = (0.95, 2.1)
        // m2 = 0.5 m1 + 0.5 g2 = (0.5, -0.375);              w2 = (0.9, 2.1375)
        // m3 = 0.5 m2 + 0.5 g3 = (-0.25, 1.3125);            w3 = (0.925, 2.00625)
        double[][] w = Runs.replay(EmaMomentum.of(0.1, 0.5), START, G);
        assertTrajectories(new double[][] {START, {0.95, 2.1}, {0.9, 2.1375}, {0.925, 2.00625}}, w, 1e-15);
    }

    @Test
    void minTNBiasCorrectionIsTheRunningMeanForTheFirstNSteps() {
        // beta 0.75 -> N = 4: rates 1, 1/2, 1/3 -> m_t is the plain mean of g_1..g_t
        double[][] w = Runs.replay(EmaMomentum.builder().lr(0.1).momentum(0.75)
                .biasCorrection(BiasCorrection.MIN_T_N).build(), START, G);
        double[] x = START.clone();
        double[] sum = new double[2];
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < 2; i++) {
                sum[i] += G[t - 1][i];
                x[i] -= 0.1 * sum[i] / t;
                assertRelative(x[i], w[t][i], 1e-15, "w" + i + " at step " + t);
            }
        }
    }

    @Test
    void exponentialBiasCorrectionDividesByOneMinusBetaToTheT() {
        double beta = 0.9;
        double[][] w = Runs.replay(EmaMomentum.builder().lr(0.1).momentum(beta)
                .biasCorrection(BiasCorrection.EXPONENTIAL).build(), START, G);
        double[] x = START.clone();
        double[] m = new double[2];
        for (int t = 1; t <= 3; t++) {
            for (int i = 0; i < 2; i++) {
                m[i] = beta * m[i] + (1 - beta) * G[t - 1][i];
                x[i] -= 0.1 * m[i] / (1 - Math.pow(beta, t));
                assertRelative(x[i], w[t][i], 1e-14, "w" + i + " at step " + t);
            }
        }
        // step 1 is a plain gradient step of size lr
        assertRelative(START[0] - 0.1 * G[0][0], w[1][0], 1e-15, "w0 at step 1");
    }

    @Test
    void weightDecayEntersTheAverageOnAQuadratic() {
        DiagonalQuadratic q = new DiagonalQuadratic(new double[] {2.0, 0.5}, new double[] {1.0, -3.0});
        double lr = 0.2;
        double beta = 0.6;
        double wd = 0.1;
        double[][] ours = Runs.run(EmaMomentum.builder().lr(lr).momentum(beta).weightDecay(wd).build(), q, 25);
        double[] w = {1.0, -3.0};
        double[] m = new double[2];
        for (int k = 1; k <= 25; k++) {
            for (int i = 0; i < 2; i++) {
                double g = q.diag()[i] * w[i] + wd * w[i];
                m[i] = beta * m[i] + (1 - beta) * g;
                w[i] -= lr * m[i];
                assertRelative(w[i], ours[k][i], 1e-13, "w" + i + " at step " + k);
            }
        }
    }

    @Test
    void zeroGradientLeavesTheParameterWhereItIs() {
        double[][] w = Runs.replay(EmaMomentum.of(0.1, 0.9), START, new double[2], new double[2]);
        assertArrayEquals(START, w[2], 0.0);
    }

    @Test
    void emaMomentumWithLrEtaIsHeavyBallWithLrOneMinusBetaTimesEta() {
        // TTIC 31230, slide "Heavy Ball Momentum": v = mu v + (1 - mu) (eta / (1 - mu)) g
        double eta = 2e-3;
        double beta = 0.9;
        double[][] ema = Runs.run(EmaMomentum.of(eta, beta), new Rosenbrock(), 200);
        double[][] heavy = Runs.run(HeavyBall.of((1 - beta) * eta, beta), new Rosenbrock(), 200);
        assertTrajectories(heavy, ema, 1e-12);
    }
}
