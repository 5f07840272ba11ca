package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * AdaBelief against STAT 453 L12's Algorithm 2, computed here with plain doubles, one coordinate at a
 * time (an implementation independent of the NDArray code).
 */
class AdaBeliefTest {

    static final int STEPS = 60;
    static final Map<String, Double> WORST = new TreeMap<>();

    /** Algorithm 2 with the options of {@link AdaBelief}; {@code epsRoot} is the epsilon inside s. */
    static double[][] algorithm2(double[] w0, double[][] grads, double lr, double b1, double b2, double eps,
            double epsRoot, double wd, boolean decoupled, boolean amsgrad) {
        int n = w0.length;
        double[] w = w0.clone();
        double[] m = new double[n];
        double[] s = new double[n];
        double[] sMax = new double[n];
        double[][] out = new double[grads.length + 1][];
        out[0] = w.clone();
        for (int t = 1; t <= grads.length; t++) {
            for (int i = 0; i < n; i++) {
                double g = grads[t - 1][i];
                if (decoupled) {
                    w[i] = w[i] * (1 - lr * wd);
                } else {
                    g = g + wd * w[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * g;
                s[i] = b2 * s[i] + (1 - b2) * (g - m[i]) * (g - m[i]) + epsRoot;
                double sUsed = s[i];
                if (amsgrad) {
                    sMax[i] = Math.max(sMax[i], s[i]);
                    sUsed = sMax[i];
                }
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double sHat = sUsed / (1 - Math.pow(b2, t));
                w[i] = w[i] - lr * mHat / (Math.sqrt(sHat) + eps);
            }
            out[t] = w.clone();
        }
        return out;
    }

    static double[][] gradients(long seed, int steps, int n) {
        Random r = new Random(seed);
        double[][] g = new double[steps][n];
        for (int k = 0; k < steps; k++) {
            for (int i = 0; i < n; i++) {
                g[k][i] = r.nextGaussian() * (1 + i) + 0.3;
            }
        }
        g[7] = new double[n]; // a zero gradient
        return g;
    }

    static double[][] run(DescentOptimizer opt, double[] w0, double[][] grads) {
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

    static double maxRelative(double[][] a, double[][] b) {
        double worst = 0;
        for (int k = 0; k < a.length; k++) {
            for (int i = 0; i < a[k].length; i++) {
                double err = Math.abs(a[k][i] - b[k][i]) / Math.max(Math.abs(b[k][i]), 1e-6);
                worst = Math.max(worst, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
            }
        }
        return worst;
    }

    private void check(String label, AdaBelief opt, double lr, double b1, double b2, double eps, double epsRoot,
            double wd, boolean decoupled, boolean amsgrad) {
        double[] w0 = {0.5, -1.5, 2.0, 0.0};
        double[][] grads = gradients(label.hashCode(), STEPS, w0.length);
        double[][] expected = algorithm2(w0, grads, lr, b1, b2, eps, epsRoot, wd, decoupled, amsgrad);
        double err;
        try (opt) {
            err = maxRelative(run(opt, w0, grads), expected);
        }
        WORST.merge("AdaBelief " + label, err, Math::max);
        assertTrue(err <= 1e-12, label + ": max relative error " + err);
    }

    @Test
    void defaultsFollowAlgorithm2WithOneEpsilonInBothPlaces() {
        check("defaults", AdaBelief.of(0.01), 0.01, 0.9, 0.999, 1e-16, 1e-16, 0, true, false);
    }

    @Test
    void largerEpsilonAndOtherBetas() {
        check("eps=1e-3,betas=(0.5,0.9)", AdaBelief.builder().lr(0.05).betas(0.5, 0.9).eps(1e-3).build(),
                0.05, 0.5, 0.9, 1e-3, 1e-3, 0, true, false);
    }

    @Test
    void separateEpsRootAsOptax() {
        check("eps=1e-8,eps_root=0", AdaBelief.builder().lr(0.01).eps(1e-8).epsRoot(0).build(),
                0.01, 0.9, 0.999, 1e-8, 0, 0, true, false);
    }

    @Test
    void coupledWeightDecayEntersTheGradient() {
        check("coupled wd", AdaBelief.builder().lr(0.01).eps(1e-8).weightDecay(0.1).decoupledWeightDecay(false).build(),
                0.01, 0.9, 0.999, 1e-8, 1e-8, 0.1, false, false);
    }

    @Test
    void decoupledWeightDecayShrinksTheWeights() {
        check("decoupled wd", AdaBelief.builder().lr(0.01).weightDecay(0.5).build(),
                0.01, 0.9, 0.999, 1e-16, 1e-16, 0.5, true, false);
    }

    @Test
    void amsgradKeepsTheRunningMaximumOfS() {
        check("amsgrad", AdaBelief.builder().lr(0.01).eps(1e-3).amsgrad(true).build(),
                0.01, 0.9, 0.999, 1e-3, 1e-3, 0, true, true);
    }

    /**
     * By hand: at t = 1, m^ = g and s^ = beta1^2 g^2 + eps/(1 - beta2), so the first step is
     * lr * g / (beta1 |g| + ...) = lr / beta1 per coordinate (about 1.11 lr), where Adam's is lr.
     */
    @Test
    void firstStepIsLrOverBeta1() {
        double[] g = {3.0, -0.25};
        double[][] t = run(AdaBelief.of(0.1), new double[] {1.0, 1.0}, new double[][] {g});
        assertEquals(1.0 - 0.1 / 0.9, t[1][0], 1e-12);
        assertEquals(1.0 + 0.1 / 0.9, t[1][1], 1e-12);
    }

    @Test
    void optionsUseTheNamesOfTheClassComment() {
        AdaBelief a = AdaBelief.fromOptions(Options.parse(java.util.List.of(
                "lr=0.005", "betas=0.8,0.99", "eps=1e-8", "eps_root=0", "weight_decay=0.1",
                "decoupled_weight_decay=false", "amsgrad=true")));
        assertEquals("AdaBelief(lr=0.005, betas=(0.8, 0.99), eps=1.0E-8, eps_root=0.0, weight_decay=0.1, "
                + "decoupled_weight_decay=false, amsgrad=true)", a.toString());
        assertEquals("AdaBelief(lr=0.001, betas=(0.9, 0.999), eps=1.0E-16, eps_root=1.0E-16, weight_decay=0.0, "
                + "decoupled_weight_decay=true, amsgrad=false)", AdaBelief.fromOptions(Options.of(Map.of())).toString());
    }

    @AfterAll
    static void report() {
        WORST.forEach((k, v) -> System.out.printf("hand %-40s max relative error %.3g%n", k, v));
    }
}
