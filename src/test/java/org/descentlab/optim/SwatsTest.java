package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

/**
 * SWATS against Keskar and Socher's Algorithm 1, computed here with plain doubles, and a constant
 * gradient where the switch step and Lambda follow by hand.
 */
class SwatsTest {

    /** The result of the plain-double Algorithm 1: trajectory, switch step (0 = none) and Lambda. */
    record Reference(double[][] trajectory, long switchStep, double sgdLr, double margin) {}

    /**
     * Algorithm 1 of the paper for one parameter vector, with the step written as torch's Adam
     * (m^ / (sqrt(v^) + eps)) as documented in {@link Swats}. {@code margin} is the smallest
     * |lambda^ - gamma| seen before the switch, to show that the switch is not a rounding accident.
     */
    static Reference algorithm1(double[] x0, double[][] grads, double lr, double b1, double b2, double eps,
            double epsSwitch) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] m = new double[n];
        double[] a = new double[n];
        double[] vSgd = new double[n];
        double lambda = 0;
        double bigLambda = 0;
        long switchStep = 0;
        double margin = Double.POSITIVE_INFINITY;
        double[][] out = new double[grads.length + 1][];
        out[0] = x.clone();
        for (int k = 1; k <= grads.length; k++) {
            double[] g = grads[k - 1];
            if (switchStep > 0) {
                for (int i = 0; i < n; i++) {
                    vSgd[i] = b1 * vSgd[i] + g[i];
                    x[i] = x[i] - (1 - b1) * bigLambda * vSgd[i];
                }
                out[k] = x.clone();
                continue;
            }
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                a[i] = b2 * a[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, k));
                double aHat = a[i] / (1 - Math.pow(b2, k));
                p[i] = -lr * mHat / (Math.sqrt(aHat) + eps);
                x[i] = x[i] + p[i];
            }
            double pp = 0;
            double pg = 0;
            for (int i = 0; i < n; i++) {
                pp += p[i] * p[i];
                pg += p[i] * g[i];
            }
            if (pg != 0) {
                double gamma = pp / -pg;
                lambda = b2 * lambda + (1 - b2) * gamma;
                double lambdaHat = lambda / (1 - Math.pow(b2, k));
                double gap = Math.abs(lambdaHat - gamma);
                if (k > 1 && gap < epsSwitch) {
                    switchStep = k;
                    bigLambda = lambdaHat;
                } else if (k > 1) {
                    margin = Math.min(margin, gap);
                }
            }
            out[k] = x.clone();
        }
        return new Reference(out, switchStep, bigLambda, margin);
    }

    static double[][] run(Swats opt, double[] w0, double[][] grads) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(w0.clone());
            double[][] out = new double[grads.length + 1][];
            out[0] = w.toDoubleArray();
            for (int k = 0; k < grads.length; k++) {
                opt.step(Map.of("w", w), Map.of("w", manager.create(grads[k])));
                out[k + 1] = w.toDoubleArray();
            }
            return out;
        }
    }

    /** Gradients that settle: a fixed direction plus noise that decays geometrically. */
    static double[][] settlingGradients(int steps) {
        Random r = new Random(1712_07628L);
        double[][] g = new double[steps][];
        for (int k = 0; k < steps; k++) {
            double noise = Math.pow(0.8, k);
            g[k] = new double[] {1.0 + noise * r.nextGaussian(), -2.0 + noise * r.nextGaussian(),
                    0.5 + noise * r.nextGaussian()};
        }
        return g;
    }

    static double maxRelative(double[][] a, double[][] b) {
        return maxRelative(a, b, 1e-6);
    }

    static double maxRelative(double[][] a, double[][] b, double floor) {
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[k].length; i++) {
                double err = Math.abs(a[k][i] - b[k][i]) / Math.max(Math.abs(b[k][i]), floor);
                worst = Math.max(worst, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
            }
        }
        return worst;
    }

    /**
     * By hand, for a constant gradient g (one coordinate): m^ = g and v^ = g^2 at every step, so
     * p = -lr g / (|g| + eps) and gamma = -p / g = lr / (|g| + eps) at every step. lambda is an EMA of
     * a constant, so lambda^ = gamma and the switch comes at the first step it may: k = 2, with
     * Lambda = lr / (|g| + eps). Afterwards v_sgd = g (1 - beta1^j) / (1 - beta1) after j SGD steps,
     * so each SGD step moves Lambda g (1 - beta1^j).
     */
    @Test
    void constantGradientSwitchesAtStepTwoWithLambdaByHand() {
        double lr = 0.1;
        double eps = 1e-9;
        double b1 = 0.9;
        double g = 2.0;
        double[][] grads = new double[10][];
        java.util.Arrays.fill(grads, new double[] {g});
        try (Swats swats = Swats.builder().lr(lr).eps(eps).build()) {
            double[][] t = run(swats, new double[] {1.0}, grads);
            assertEquals(Swats.Phase.SGD, swats.phase("w"));
            assertEquals(OptionalLong.of(2), swats.switchStep("w"));
            double bigLambda = lr / (g + eps);
            assertEquals(bigLambda, swats.sgdLr("w").getAsDouble(), 1e-15);
            double expected = 1.0 - 2 * lr * g / (g + eps);
            assertEquals(expected, t[2][0], 1e-15, "after the two Adam steps");
            for (int j = 1; j <= 8; j++) {
                expected -= bigLambda * g * (1 - Math.pow(b1, j));
                assertEquals(expected, t[2 + j][0], 1e-14, "SGD step " + j);
            }
        }
    }

    /**
     * Gradients whose noise decays: gamma settles, lambda^ catches up, and the switch comes mid-run.
     * With the paper's eps_switch = 1e-9 (and beta2 = 0.9, so lambda^ forgets the noisy start in
     * time) Algorithm 1 switches at step 173 of 200; with 1e-5 at step 76.
     */
    @Test
    void followsAlgorithm1ThroughTheSwitch() {
        double[][] g = settlingGradients(200);
        double[] x0 = {1, 1, 1};
        long[] expectedSwitch = {173, 76};
        double[] tolerances = {1e-9, 1e-5};
        for (int c = 0; c < tolerances.length; c++) {
            Reference ref = algorithm1(x0, g, 0.01, 0.9, 0.9, 1e-9, tolerances[c]);
            assertEquals(expectedSwitch[c], ref.switchStep(), "switch step of the plain-double Algorithm 1");
            assertTrue(ref.margin() > tolerances[c] * 1.001, "the gap before the switch is not borderline");
            try (Swats swats = Swats.builder().lr(0.01).betas(0.9, 0.9).epsSwitch(tolerances[c]).build()) {
                double[][] t = run(swats, x0, g);
                assertEquals(OptionalLong.of(ref.switchStep()), swats.switchStep("w"));
                assertEquals(ref.sgdLr(), swats.sgdLr("w").getAsDouble(), 1e-15);
                // the coordinates cross zero: relative to max(|x|, 1e-3), i.e. absolute near zero
                double err = maxRelative(t, ref.trajectory(), 1e-3);
                System.out.printf("hand SWATS eps_switch=%g switch at %d, Lambda %.6g, max error %.3g%n",
                        tolerances[c], ref.switchStep(), ref.sgdLr(), err);
                assertTrue(err <= 1e-12, "max relative error " + err);
            }
        }
    }

    @Test
    void adamPhaseIsAdam() {
        double[][] g = settlingGradients(50);
        double[] x0 = {1, -1, 0.5};
        try (Swats swats = Swats.builder().lr(0.01).eps(1e-8).epsSwitch(Double.MIN_VALUE).build();
                Adam adam = Adam.builder().lr(0.01).eps(1e-8).build()) {
            double[][] a = run(swats, x0, g);
            double[][] b = AdaBeliefTest.run(adam, x0, g);
            assertEquals(Swats.Phase.ADAM, swats.phase("w"));
            assertTrue(maxRelative(a, b) <= 1e-14, "max relative error " + maxRelative(a, b));
        }
    }

    @Test
    void eachParameterSwitchesOnItsOwn() {
        try (NDManager manager = NDManager.newBaseManager(); Swats swats = Swats.of(0.01)) {
            assertEquals(Swats.Phase.ADAM, swats.phase("a"));
            assertTrue(swats.switchStep("a").isEmpty());
            assertTrue(Double.isNaN(swats.lambdaEstimate("a")));
            NDArray a = manager.create(new double[] {1, 2});
            NDArray b = manager.create(new double[] {1, 2});
            double[][] noisy = AdaBeliefTest.gradients(3, 30, 2);
            for (int k = 0; k < 30; k++) {
                swats.step(Map.of("a", a, "b", b),
                        Map.of("a", manager.create(new double[] {0.5, -1}), "b", manager.create(noisy[k])));
            }
            assertEquals(Swats.Phase.SGD, swats.phase("a"));
            assertEquals(OptionalLong.of(2), swats.switchStep("a"));
            assertEquals(Swats.Phase.ADAM, swats.phase("b"));
            assertTrue(swats.sgdLr("b").isEmpty());
            assertTrue(Double.isFinite(swats.lambdaEstimate("b")));
        }
    }

    /** After the switch a schedule scales the SGD step: halving lr halves Lambda's step. */
    @Test
    void scheduleScalesTheSgdPhase() {
        try (NDManager manager = NDManager.newBaseManager(); Swats swats = Swats.of(0.1)) {
            NDArray w = manager.create(new double[] {0.0});
            NDArray g = manager.create(new double[] {1.0});
            for (int k = 0; k < 3; k++) {
                swats.step(Map.of("w", w), Map.of("w", g));
            }
            double bigLambda = swats.sgdLr("w").getAsDouble();
            double before = w.getDouble(0);
            swats.setLr(0.05);
            swats.step(Map.of("w", w), Map.of("w", g));
            // v_sgd after 2 SGD steps of g = 1: 1 + beta1
            assertEquals(before - 0.1 * (bigLambda / 2) * 1.9, w.getDouble(0), 1e-15);
        }
    }
}
