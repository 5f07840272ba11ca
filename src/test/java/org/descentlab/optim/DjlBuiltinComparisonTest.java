package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * descent's optimizers against DJL 0.35.1's built-in ones on the PyTorch engine, through the same
 * DJL entry point {@code update(id, weight, grad)}: 30 updates of float32 parameters (a (5, 3) weight
 * and a (3) bias) with fixed pseudo-random gradients, compared to 1e-5 relative to max(|w|, 1).
 *
 * <p>What DJL's PyTorch engine does (read from DJL's source, {@code Sgd.java}, {@code Adam.java},
 * {@code AdamW.java}, {@code PtNDArrayEx.java} and {@code ai_djl_pytorch_jni_PyTorchLibrary_optim.cc}):
 * <ul>
 *   <li>every hyper-parameter is a float; the learning rate comes from a {@link ParameterTracker}
 *       ({@code Tracker.fixed(lr)}); the step count t is DJL's global update counter (the largest
 *       count over all parameters), which equals descent's per-parameter t when every parameter is
 *       updated at every step, as here;
 *   <li>the gradient is cloned, multiplied by {@code rescaleGrad} (default 1) and, if
 *       {@code clipGrad >= 0} (default -1: off), clamped from <em>above only</em>
 *       ({@code clamp_max}), although the builder's Javadoc promises {@code [-clip, clip]};
 *   <li>SGD: {@code g = g + wd w; v = momentum v + lr g; w = w - v}: the velocity form of TTIC 31230
 *       "Heavy Ball Momentum". With a constant lr it is torch's {@code b = momentum b + g;
 *       w = w - lr b} ({@code v = lr b}); when the lr changes the two differ, because the velocity
 *       keeps the old lr in it. No dampening, no Nesterov;
 *   <li>Adam: coupled L2 ({@code g = g + wd w}), then {@code w = w - lr sqrt(1 - beta2^t) / (1 -
 *       beta1^t) * m / (sqrt(v) + eps)}: Kingma and Ba's form, whose eps is not bias corrected.
 *       torch (and descent) use {@code m^ / (sqrt(v^) + eps)}; the two agree when eps is small
 *       against sqrt(v) and differ otherwise, and no fixed eps of ours reproduces DJL's (it would
 *       have to be {@code eps / sqrt(1 - beta2^t)}, varying with t). No AMSGrad;
 *   <li>AdamW: {@code w = w - lr wd w}, then the same Adam step; default weight decay 0.01 (as
 *       torch's and ours);
 *   <li>Nag, RmsProp and Adagrad: {@code PtNDArrayEx.nagUpdate}, {@code rmspropUpdate} and
 *       {@code adagradUpdate} throw {@code UnsupportedOperationException("Not implemented")} on the
 *       PyTorch engine, so there is nothing to compare against on this engine (their builders
 *       describe MXNet's updates).
 * </ul>
 */
class DjlBuiltinComparisonTest {

    static final int STEPS = 30;
    static final double TOLERANCE = 1e-5;
    static final Map<String, Double> WORST = new TreeMap<>();

    /** The parameters' start values and the gradients, fixed. */
    static final Map<String, Shape> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put("dense.weight", new Shape(5, 3));
        SHAPES.put("dense.bias", new Shape(3));
    }

    static float[] values(long seed, int n, double scale, double shift) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * r.nextGaussian() + shift);
        }
        return v;
    }

    /** Runs {@code steps} DJL-style updates and returns every parameter after every step. */
    static Map<String, float[][]> run(Optimizer optimizer, int steps) {
        Map<String, float[][]> out = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            int p = 0;
            for (Map.Entry<String, Shape> e : SHAPES.entrySet()) {
                int n = (int) e.getValue().size();
                params.put(e.getKey(), manager.create(values(100 + p++, n, 1.0, 0.0), e.getValue()));
                out.put(e.getKey(), new float[steps][]);
            }
            for (int k = 0; k < steps; k++) {
                p = 0;
                for (Map.Entry<String, NDArray> e : params.entrySet()) {
                    NDArray w = e.getValue();
                    int n = (int) w.size();
                    try (NDArray g = manager.create(values(1000L * k + p++, n, 1.0, 0.3), w.getShape())) {
                        optimizer.update(e.getKey(), w, g);
                    }
                    out.get(e.getKey())[k] = w.toFloatArray();
                }
            }
        } finally {
            if (optimizer instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }

    static double maxRelative(Map<String, float[][]> a, Map<String, float[][]> b) {
        double worst = 0;
        for (String name : a.keySet()) {
            float[][] x = a.get(name);
            float[][] y = b.get(name);
            for (int k = 0; k < x.length; k++) {
                for (int i = 0; i < x[k].length; i++) {
                    // relative to max(|w|, 1): parameters near 0 carry the float32 rounding of O(1) updates
                    double err = Math.abs(x[k][i] - y[k][i]) / Math.max(Math.abs(y[k][i]), 1.0);
                    worst = Math.max(worst, Double.isNaN(err) ? Double.POSITIVE_INFINITY : err);
                }
            }
        }
        return worst;
    }

    private static void assertSame(String label, Optimizer djl, DescentOptimizer ours) {
        double err = maxRelative(run(ours, STEPS), run(djl, STEPS));
        WORST.merge(label, err, Math::max);
        assertTrue(err <= TOLERANCE, label + ": max relative difference " + err + " > " + TOLERANCE);
    }

    @Test
    void sgd() {
        assertSame("SGD", Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build(), Sgd.of(0.05));
    }

    @Test
    void sgdMomentumIsTorchsWithAConstantLr() {
        assertSame("SGD momentum 0.9",
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).build(),
                Sgd.builder().lr(0.01).momentum(0.9).build());
    }

    @Test
    void sgdMomentumWithWeightDecayIsCoupledL2() {
        assertSame("SGD momentum 0.9 weight_decay 0.01",
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f)
                        .optWeightDecays(0.01f).build(),
                Sgd.builder().lr(0.01).momentum(0.9).weightDecay(0.01).build());
    }

    /** DJL's rescaleGrad multiplies the gradient: for SGD that is the same as scaling lr. */
    @Test
    void rescaleGradIsAScaledLrForSgd() {
        assertSame("SGD rescaleGrad 0.5",
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).setRescaleGrad(0.5f).build(),
                Sgd.of(0.05));
    }

    @Test
    void adam() {
        assertSame("Adam", Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build(), Adam.of(1e-3));
    }

    @Test
    void adamWithCoupledWeightDecay() {
        assertSame("Adam weight_decay 0.1",
                Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).optBeta1(0.8f).optBeta2(0.99f)
                        .optWeightDecays(0.1f).build(),
                Adam.builder().lr(0.01).betas(0.8, 0.99).weightDecay(0.1).build());
    }

    @Test
    void adamW() {
        assertSame("AdamW", Optimizer.adamW().optLearningRateTracker(Tracker.fixed(1e-3f)).build(), AdamW.of(1e-3));
    }

    @Test
    void adamWLargerDecay() {
        assertSame("AdamW weight_decay 0.5",
                Optimizer.adamW().optLearningRateTracker(Tracker.fixed(0.01f)).optWeightDecays(0.5f).build(),
                AdamW.builder().lr(0.01).weightDecay(0.5).build());
    }

    /**
     * A large eps shows DJL's Adam form: it matches Kingma and Ba's {@code lr sqrt(1 - beta2^t) /
     * (1 - beta1^t) m / (sqrt(v) + eps)} (computed here in double) and not torch's / descent's.
     */
    @Test
    void adamEpsIsNotBiasCorrectedInDjl() {
        float eps = 0.1f;
        Map<String, float[][]> djl = run(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f))
                .optEpsilon(eps).build(), STEPS);
        Map<String, float[][]> ours = run(Adam.builder().lr(0.01).eps(eps).build(), STEPS);
        Map<String, float[][]> kingmaBa = new LinkedHashMap<>();
        int p = 0;
        for (Map.Entry<String, Shape> e : SHAPES.entrySet()) {
            int n = (int) e.getValue().size();
            float[] w0 = values(100 + p, n, 1.0, 0.0);
            double[] w = new double[n];
            double[] m = new double[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = w0[i];
            }
            float[][] traj = new float[STEPS][n];
            for (int k = 0; k < STEPS; k++) {
                float[] g = values(1000L * k + p, n, 1.0, 0.3);
                int t = k + 1;
                double step = 0.01 * Math.sqrt(1 - Math.pow(0.999, t)) / (1 - Math.pow(0.9, t));
                for (int i = 0; i < n; i++) {
                    m[i] = 0.9 * m[i] + 0.1 * g[i];
                    v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
                    w[i] -= step * m[i] / (Math.sqrt(v[i]) + eps);
                    traj[k][i] = (float) w[i];
                }
            }
            kingmaBa.put(e.getKey(), traj);
            p++;
        }
        double djlVsKingmaBa = maxRelative(kingmaBa, djl);
        double djlVsOurs = maxRelative(ours, djl);
        WORST.merge("Adam eps=0.1 vs Kingma-Ba form", djlVsKingmaBa, Math::max);
        System.out.printf("DJL Adam eps=0.1: relative difference to descent (torch form) %.3g%n", djlVsOurs);
        assertTrue(djlVsKingmaBa <= TOLERANCE, "DJL vs Kingma-Ba form: " + djlVsKingmaBa);
        assertTrue(djlVsOurs > 1e-3, "the eps placement should show at eps = 0.1, got " + djlVsOurs);
    }

    /**
     * With an lr that changes (0.05 for 10 updates, then 0.01), DJL's velocity {@code v = mu v + lr g}
     * differs from torch's {@code w -= lr b}: after the drop DJL still carries the old lr in v. DJL is
     * matched by TTIC 31230's heavy-ball velocity form computed here, descent by torch's.
     */
    @Test
    void sgdMomentumDiffersFromTorchWhenTheLrChanges() {
        ParameterTracker drop = (id, t) -> t <= 10 ? 0.05f : 0.01f;
        Map<String, float[][]> djl = run(Optimizer.sgd().setLearningRateTracker(drop).optMomentum(0.9f).build(), STEPS);
        Map<String, float[][]> ours = run(Sgd.builder().momentum(0.9).build().setLrTracker(drop), STEPS);
        Map<String, float[][]> velocity = new LinkedHashMap<>();
        int p = 0;
        for (Map.Entry<String, Shape> e : SHAPES.entrySet()) {
            int n = (int) e.getValue().size();
            float[] w0 = values(100 + p, n, 1.0, 0.0);
            double[] w = new double[n];
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = w0[i];
            }
            float[][] traj = new float[STEPS][n];
            for (int k = 0; k < STEPS; k++) {
                float[] g = values(1000L * k + p, n, 1.0, 0.3);
                double lr = drop.getNewValue(e.getKey(), k + 1);
                for (int i = 0; i < n; i++) {
                    v[i] = 0.9 * v[i] + lr * g[i];
                    w[i] -= v[i];
                    traj[k][i] = (float) w[i];
                }
            }
            velocity.put(e.getKey(), traj);
            p++;
        }
        double djlVsVelocity = maxRelative(velocity, djl);
        double djlVsTorch = maxRelative(ours, djl);
        WORST.merge("SGD momentum, lr drop, vs velocity form", djlVsVelocity, Math::max);
        System.out.printf("DJL SGD momentum with an lr drop: relative difference to descent (torch form) %.3g%n", djlVsTorch);
        assertTrue(djlVsVelocity <= TOLERANCE, "DJL vs velocity form: " + djlVsVelocity);
        assertTrue(djlVsTorch > 1e-3, "the forms should differ after the lr drop, got " + djlVsTorch);
    }

    /** DJL's clipGrad clamps from above only: a gradient of -2 passes a clip of 0.5 untouched. */
    @Test
    void clipGradClampsFromAboveOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {0f, 0f});
            NDArray g = manager.create(new float[] {2f, -2f});
            Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f)).optClipGrad(0.5f).build().update("w", w, g);
            float[] after = w.toFloatArray();
            assertEquals(-0.05f, after[0], 1e-7f, "2 is clipped to 0.5");
            assertEquals(0.2f, after[1], 1e-7f, "-2 is not clipped to -0.5");
        }
    }

    /** Nesterov (Nag) is not implemented by DJL's PyTorch engine: nothing to compare. */
    @Test
    void nagIsNotImplementedOnThePyTorchEngine() {
        Optimizer nag = Optimizer.nag().setLearningRateTracker(Tracker.fixed(0.01f)).setMomentum(0.9f).build();
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray w = manager.create(new float[] {1f, 2f});
            NDArray g = manager.create(new float[] {0.5f, -0.5f});
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> nag.update("w", w, g));
            assertEquals("Not implemented", e.getMessage());
        }
    }

    @AfterAll
    static void report() {
        for (String name : List.copyOf(WORST.keySet())) {
            System.out.printf("DJL built-in %-42s max relative difference %.3g%n", name, WORST.get(name));
        }
    }
}
