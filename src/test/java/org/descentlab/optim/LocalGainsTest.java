package org.descentlab.optim;

import static org.descentlab.optim.Runs.assertRelative;
import static org.descentlab.optim.Runs.assertTrajectories;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;

import org.descentlab.problem.DiagonalQuadratic;
import org.junit.jupiter.api.Test;

/** STAT 453 L12's adaptive local gains: additive growth, multiplicative decay, the rule at 0 and t = 1. */
class LocalGainsTest {

    @Test
    void gainsFollowTheSignsOfConsecutiveGradients() {
        // lr 0.1, beta 0.2. Coordinate 0: signs +, +, -, 0 ; coordinate 1: -, -, -, -
        double[][] g = {{1.0, -1.0}, {2.0, -1.0}, {-1.0, -2.0}, {0.0, -1.0}, {1.0, -1.0}};
        double[][] w = Runs.replay(LocalGains.of(0.1, 0.2), new double[] {0.0, 0.0}, g);
        // gains of coordinate 0: t1 1 (no previous), t2 1.2 (consistent), t3 0.96 (flip),
        //                        t4 0.768 (zero: not consistent), t5 0.6144 (previous was zero)
        // gains of coordinate 1: 1, 1.2, 1.4, 1.6, 1.8
        double[] gain0 = {1.0, 1.2, 0.96, 0.768, 0.6144};
        double[] gain1 = {1.0, 1.2, 1.4, 1.6, 1.8};
        double[] x = {0.0, 0.0};
        for (int t = 1; t <= 5; t++) {
            x[0] -= 0.1 * gain0[t - 1] * g[t - 1][0];
            x[1] -= 0.1 * gain1[t - 1] * g[t - 1][1];
            assertRelative(x[0], w[t][0], 1e-15, "w0 at step " + t);
            assertRelative(x[1], w[t][1], 1e-15, "w1 at step " + t);
        }
        // explicitly: w1 = (-0.1, 0.1), w2 = (-0.1 - 0.24, 0.1 + 0.12) = (-0.34, 0.22)
        assertTrajectories(new double[][] {{0, 0}, {-0.1, 0.1}, {-0.34, 0.22}},
                new double[][] {w[0], w[1], w[2]}, 1e-15);
    }

    @Test
    void boundsClipTheGains() {
        double[][] g = {{1.0}, {1.0}, {1.0}, {-1.0}, {1.0}, {-1.0}};
        LocalGains lg = LocalGains.builder().lr(1.0).beta(0.5).minGain(0.6).maxGain(1.7).build();
        double[][] w = Runs.replay(lg, new double[] {0.0}, g);
        // gains: 1, 1.5, 1.7 (2.0 clipped), 0.85, 0.6 (0.425 clipped), 0.6 (0.3 clipped)
        double[] gains = {1.0, 1.5, 1.7, 0.85, 0.6, 0.6};
        double x = 0;
        for (int t = 1; t <= 6; t++) {
            x -= gains[t - 1] * g[t - 1][0];
            assertRelative(x, w[t][0], 1e-15, "w at step " + t);
        }
        try (NDArray gain = lg.stateOf("w").slot("gain", null)) {
            assertArrayEquals(new double[] {0.6}, gain.toDoubleArray(), 0.0);
        }
    }

    @Test
    void weightDecayOnAQuadraticByHand() {
        DiagonalQuadratic q = new DiagonalQuadratic(new double[] {1.0, 20.0}, new double[] {1.0, 1.0});
        double lr = 0.04;
        double beta = 0.1;
        double wd = 0.5;
        double[][] ours = Runs.run(LocalGains.builder().lr(lr).beta(beta).weightDecay(wd).build(), q, 30);
        double[] w = {1.0, 1.0};
        double[] gain = {1.0, 1.0};
        double[] prev = null;
        for (int k = 1; k <= 30; k++) {
            double[] g = new double[2];
            for (int i = 0; i < 2; i++) {
                g[i] = q.diag()[i] * w[i] + wd * w[i];
                if (prev != null) {
                    gain[i] = g[i] * prev[i] > 0 ? gain[i] + beta : gain[i] * (1 - beta);
                }
                w[i] -= lr * gain[i] * g[i];
                assertEquals(w[i], ours[k][i], 1e-13 * Math.max(Math.abs(w[i]), 1e-6), "w" + i + " at step " + k);
            }
            prev = g;
        }
    }

    @Test
    void zeroGradientDoesNotMove() {
        double[][] w = Runs.replay(LocalGains.of(0.1, 0.05), new double[] {0.5, 0.5}, new double[2], new double[2]);
        assertArrayEquals(new double[] {0.5, 0.5}, w[2], 0.0);
    }
}
