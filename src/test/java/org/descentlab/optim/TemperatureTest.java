package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

/** TTIC 31230's temperature formulas by hand, and its claims checked numerically. */
class TemperatureTest {

    @Test
    void formulasByHand() {
        assertEquals(0.032, Temperature.sgdLr(1e-3, 32), 1e-18);
        Temperature.HeavyBallSettings hb = Temperature.heavyBallLr(1e-3, 64, 0.9);
        assertEquals((1 - 0.9) * 64 * 1e-3, hb.lr(), 1e-18);
        assertEquals(0.9, hb.momentum());
        Sgd sgd = hb.toSgd();
        assertEquals(hb.lr(), sgd.lr());
        assertEquals(0.9, sgd.hyperParameters().get("momentum"));

        // N_g0 = 1000 and N_s0 = 100000 examples at B = 100: windows of 10 and 1000 batches
        Temperature.AdamSettings a = Temperature.decoupledAdam(1000, 100_000, 100, 1e-4, 1e-5);
        assertEquals(0.9, a.beta1(), 1e-15);
        assertEquals(0.999, a.beta2(), 1e-15);
        assertEquals(1e-4 * 10, a.eps(), 1e-18);
        assertEquals(1e-3 * 100 * 1e-5, a.lr(), 1e-20);
        Adam adam = a.toAdam();
        assertEquals(a.lr(), adam.lr());
        assertEquals("min_t_n", adam.hyperParameters().get("bias_correction"));
        assertEquals(a.eps(), adam.hyperParameters().get("eps"));
        assertEquals(adam.toString(), Temperature.adam(1000, 100_000, 100, 1e-4, 1e-5).toString());
    }

    /** 1 - beta = min(1, B / N0): the window is N0 examples, at least one batch. */
    @Test
    void windowIsMeasuredInExamplesAndIsAtLeastOneBatch() {
        assertEquals(1 - 1.0 / 1000, Temperature.decoupledAdam(1000, 1000, 1, 1, 1).beta1(), 1e-15);
        assertEquals(0.0, Temperature.decoupledAdam(1000, 1000, 1000, 1, 1).beta1());
        assertEquals(0.0, Temperature.decoupledAdam(1000, 1000, 4096, 1, 1).beta2());
        // doubling B halves the window in batches, so each batch weighs twice as much
        double r32 = 1 - Temperature.decoupledAdam(3200, 3200, 32, 1, 1).beta1();
        double r64 = 1 - Temperature.decoupledAdam(3200, 3200, 64, 1, 1).beta1();
        assertEquals(2 * r32, r64, 1e-15);
    }

    /** Noisy gradients of 1/2 sum d_i w_i^2: the gradient depends on the trajectory. */
    private static double[] noisyGradient(double[] w, Random r) {
        double[] d = {1.0, 10.0, 0.1};
        double[] g = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            g[i] = d[i] * w[i] + 0.5 * r.nextGaussian();
        }
        return g;
    }

    /**
     * TTIC 31230, slide "Heavy Ball Momentum": v = mu v + eta g, w = w - v equals EMA momentum
     * g~ = mu g~ + (1 - mu) g, w = w - eta / (1 - mu) g~. So torch SGD with lr (1 - mu) B eta0 runs
     * the trajectory of EMA momentum with lr B eta0 (here for three momenta).
     */
    @Test
    void heavyBallAtOneMinusMuTimesEtaIsEmaMomentumAtEta() {
        double eta0 = 2e-3;
        int b = 16;
        for (double mu : new double[] {0.0, 0.5, 0.9, 0.99}) {
            double eta = Temperature.sgdLr(eta0, b);
            // EMA momentum with plain doubles
            double[] w = {1, -1, 2};
            double[] ema = new double[3];
            Random r = new Random(42);
            double[][] expected = new double[300][];
            for (int k = 0; k < 300; k++) {
                double[] g = noisyGradient(w, r);
                for (int i = 0; i < 3; i++) {
                    ema[i] = mu * ema[i] + (1 - mu) * g[i];
                    w[i] -= eta * ema[i];
                }
                expected[k] = w.clone();
            }
            // torch-style heavy ball from the helper
            try (NDManager manager = NDManager.newBaseManager(); Sgd sgd = Temperature.heavyBallLr(eta0, b, mu).toSgd()) {
                NDArray x = manager.create(new double[] {1, -1, 2});
                Random r2 = new Random(42);
                double worst = 0;
                for (int k = 0; k < 300; k++) {
                    double[] g = noisyGradient(x.toDoubleArray(), r2);
                    sgd.step(Map.of("w", x), Map.of("w", manager.create(g)));
                    double[] now = x.toDoubleArray();
                    for (int i = 0; i < 3; i++) {
                        worst = Math.max(worst, Math.abs(now[i] - expected[k][i]) / Math.max(Math.abs(expected[k][i]), 1e-3));
                    }
                }
                assertTrue(worst <= 1e-11, "mu " + mu + ": max relative deviation " + worst);
            }
        }
    }

    /**
     * TTIC 31230, slide "EMA Momentum: Temperature is Independent of $N$": a single gradient's total effect is
     * eta whatever the momentum. One unit gradient followed by zeros moves w by (1 - mu) B eta0 *
     * sum mu^i = B eta0.
     */
    @Test
    void totalEffectOfOneGradientIsBEta0ForEveryMomentum() {
        for (double mu : new double[] {0.0, 0.9, 0.99}) {
            try (NDManager manager = NDManager.newBaseManager(); Sgd sgd = Temperature.heavyBallLr(1e-3, 8, mu).toSgd()) {
                NDArray w = manager.create(new double[] {0.0});
                sgd.step(Map.of("w", w), Map.of("w", manager.create(new double[] {1.0})));
                NDArray zero = manager.create(new double[] {0.0});
                for (int k = 0; k < 5000; k++) {
                    sgd.step(Map.of("w", w), Map.of("w", zero));
                }
                assertEquals(-8e-3, w.getDouble(0), 1e-12, "mu " + mu);
            }
        }
    }

    /**
     * "gracefully converges to vanilla SGD in the limit as eps0 -> infinity": with a huge eps0 the
     * decoupled Adam (min(t, N) bias correction) follows EMA-momentum SGD at lr B eta0.
     */
    @Test
    void decoupledAdamTendsToSgdAsEps0Grows() {
        int b = 32;
        double eta0 = 1e-3;
        double ng0 = 320; // 10 batches
        double[] w = {1, -1, 2};
        double[] ema = new double[3];
        Random r = new Random(7);
        double[][] expected = new double[100][];
        for (int t = 1; t <= 100; t++) {
            double[] g = noisyGradient(w, r);
            double rate = 1.0 / Math.min(t, ng0 / b);
            for (int i = 0; i < 3; i++) {
                ema[i] = (1 - rate) * ema[i] + rate * g[i];
                w[i] -= b * eta0 * ema[i];
            }
            expected[t - 1] = w.clone();
        }
        double previous = Double.POSITIVE_INFINITY;
        for (double eps0 : new double[] {1e2, 1e4, 1e6}) {
            try (NDManager manager = NDManager.newBaseManager(); Adam adam = Temperature.adam(ng0, 32_000, b, eps0, eta0)) {
                NDArray x = manager.create(new double[] {1, -1, 2});
                Random r2 = new Random(7);
                double worst = 0;
                for (int k = 0; k < 100; k++) {
                    double[] g = noisyGradient(x.toDoubleArray(), r2);
                    adam.step(Map.of("w", x), Map.of("w", manager.create(g)));
                    double[] now = x.toDoubleArray();
                    for (int i = 0; i < 3; i++) {
                        worst = Math.max(worst, Math.abs(now[i] - expected[k][i])); // absolute: w starts O(1)
                    }
                }
                System.out.printf("decoupled Adam eps0=%g: max |w - w_sgd| = %.3g%n", eps0, worst);
                assertTrue(worst < previous / 50, "eps0 " + eps0 + ": deviation " + worst + " did not shrink");
                previous = worst;
            }
        }
        assertTrue(previous < 2e-6, "eps0 = 1e6: deviation " + previous);
    }
}
