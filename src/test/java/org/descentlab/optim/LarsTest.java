package org.descentlab.optim;

import static org.descentlab.optim.Runs.assertRelative;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

/** LARS by hand: the trust ratio per parameter, momentum with lr inside the buffer, weight decay. */
class LarsTest {

    @Test
    void firstStepsByHand() {
        // w0 = (3, 4): ||w|| = 5. g1 = (0, 2): ratio = 0.1 * 5 / 2 = 0.25; step = lr 0.5 * 0.25 * g = (0, 0.25)
        // b1 = (0, 0.25); w1 = (3, 3.75), ||w1|| = 4.8023...
        // g2 = (1, 0): ratio = 0.1 * ||w1|| / 1; b2 = 0.9 b1 + 0.5 * ratio * (1, 0)
        double[][] g = {{0.0, 2.0}, {1.0, 0.0}, {-3.0, 4.0}};
        double[][] w = Runs.replay(Lars.builder().lr(0.5).trustCoefficient(0.1).momentum(0.9).build(),
                new double[] {3.0, 4.0}, g);
        assertArrayEquals(new double[] {3.0, 3.75}, w[1], 1e-15);
        double norm1 = Math.sqrt(9 + 3.75 * 3.75);
        double[] b = {0.5 * 0.1 * norm1, 0.9 * 0.25};
        assertRelative(3.0 - b[0], w[2][0], 1e-15, "w0 at step 2");
        assertRelative(3.75 - b[1], w[2][1], 1e-15, "w1 at step 2");
        double[] x = {3.0 - b[0], 3.75 - b[1]};
        double ratio3 = 0.1 * Math.hypot(x[0], x[1]) / 5.0;
        b[0] = 0.9 * b[0] + 0.5 * ratio3 * -3.0;
        b[1] = 0.9 * b[1] + 0.5 * ratio3 * 4.0;
        assertRelative(x[0] - b[0], w[3][0], 1e-14, "w0 at step 3");
        assertRelative(x[1] - b[1], w[3][1], 1e-14, "w1 at step 3");
    }

    @Test
    void weightDecayEntersTheUpdateAndItsNormAndNesterovAddsTheMomentumLook() {
        double lr = 0.2;
        double tc = 0.05;
        double wd = 0.5;
        double m = 0.8;
        double[][] g = {{1.0, -1.0}, {2.0, 0.5}, {0.0, 0.0}};
        double[][] w = Runs.replay(Lars.builder().lr(lr).trustCoefficient(tc).weightDecay(wd).momentum(m)
                .nesterov(true).eps(1e-3).build(), new double[] {1.0, 2.0}, g);
        double[] x = {1.0, 2.0};
        double[] b = new double[2];
        for (int t = 1; t <= 3; t++) {
            double[] u = {g[t - 1][0] + wd * x[0], g[t - 1][1] + wd * x[1]};
            double ratio = tc * Math.hypot(x[0], x[1]) / (Math.hypot(u[0], u[1]) + 1e-3);
            for (int i = 0; i < 2; i++) {
                double step = lr * ratio * u[i];
                b[i] = m * b[i] + step;
                x[i] -= step + m * b[i];
                assertRelative(x[i], w[t][i], 1e-14, "w" + i + " at step " + t);
            }
        }
    }

    @Test
    void trustRatioIsPerParameterAndOneForAZeroNorm() {
        try (NDManager manager = NDManager.newBaseManager();
                Lars lars = Lars.builder().lr(1.0).trustCoefficient(0.01).momentum(0).build()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            params.put("big", manager.create(new double[] {30.0, 40.0}));
            params.put("zero", manager.create(new double[] {0.0, 0.0}));
            Map<String, NDArray> grads = new LinkedHashMap<>();
            grads.put("big", manager.create(new double[] {1.0, 0.0}));
            grads.put("zero", manager.create(new double[] {0.5, -0.5}));
            lars.step(params, grads);
            // big: ratio = 0.01 * 50 / 1 = 0.5 -> (29.5, 40); zero: ||w|| = 0 -> ratio 1 -> (-0.5, 0.5)
            assertArrayEquals(new double[] {29.5, 40.0}, params.get("big").toDoubleArray(), 1e-15);
            assertArrayEquals(new double[] {-0.5, 0.5}, params.get("zero").toDoubleArray(), 0.0);
            assertEquals(0.5, lars.stateOf("big").scalar("trust_ratio", Double.NaN), 1e-15);
            assertEquals(1.0, lars.stateOf("zero").scalar("trust_ratio", Double.NaN), 0.0);
            assertEquals(DataType.FLOAT64, params.get("big").getDataType());
        }
    }

    @Test
    void zeroGradientDoesNotMoveWithoutMomentum() {
        double[][] w = Runs.replay(Lars.of(1.0), new double[] {0.5, 0.5}, new double[2], new double[2]);
        assertArrayEquals(new double[] {0.5, 0.5}, w[2], 0.0);
    }
}
