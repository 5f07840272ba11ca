package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.descentlab.problem.Rosenbrock;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Clipping by global norm and by value: hand values, composition with optimizers, misuse. */
class GradientClippingTest {

    @Test
    void globalNormAndCoefficientByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new double[] {3.0, 4.0});          // ||a||^2 = 25
            NDArray b = m.create(new double[][] {{12.0}, {0.0}});   // ||b||^2 = 144
            assertEquals(13.0, ClipByGlobalNorm.globalNorm(List.of(a, b)), 0.0);
            ClipByGlobalNorm clip = GradientClipping.byGlobalNorm(6.5);
            double coef = 6.5 / (13.0 + 1e-6);
            assertEquals(coef, clip.coefficient(13.0), 0.0);
            Map<String, NDArray> grads = new LinkedHashMap<>();
            grads.put("a", a);
            grads.put("b", b);
            Map<String, NDArray> clipped = clip.clip(grads);
            assertArrayEquals(new double[] {3 * coef, 4 * coef}, clipped.get("a").toDoubleArray(), 0.0);
            assertArrayEquals(new double[] {12 * coef, 0.0}, clipped.get("b").toDoubleArray(), 0.0);
            // the inputs are untouched
            assertArrayEquals(new double[] {3.0, 4.0}, a.toDoubleArray(), 0.0);
            // exactly at the limit torch still scales, by max_norm / (total + 1e-6); well below it nothing changes
            assertEquals(13.0 / (13.0 + 1e-6), GradientClipping.byGlobalNorm(13.0).coefficient(13.0), 0.0);
            assertEquals(1.0, GradientClipping.byGlobalNorm(100).coefficient(13.0), 0.0);
            // in place, returning torch's total norm
            assertEquals(13.0, clip.clipInPlaceAndNorm(List.of(a, b)), 0.0);
            assertArrayEquals(new double[] {3 * coef, 4 * coef}, a.toDoubleArray(), 0.0);
            assertEquals(6.5, ClipByGlobalNorm.globalNorm(List.of(a, b)), 1e-6);
        }
    }

    @Test
    void clipByValueByHandCopyAndInPlace() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray g = m.create(new double[] {-3.0, -0.5, 0.0, 0.7, 2.0});
            ClipByValue clip = GradientClipping.byValue(1.0);
            assertArrayEquals(new double[] {-1.0, -0.5, 0.0, 0.7, 1.0},
                    clip.clip(Map.of("g", g)).get("g").toDoubleArray(), 0.0);
            assertArrayEquals(new double[] {-3.0, -0.5, 0.0, 0.7, 2.0}, g.toDoubleArray(), 0.0);
            clip.clipInPlace(List.of(g));
            assertArrayEquals(new double[] {-1.0, -0.5, 0.0, 0.7, 1.0}, g.toDoubleArray(), 0.0);
        }
    }

    @Test
    void clippingComposesWithSgdAndAdamLikePreClippedGradients() {
        Rosenbrock problem = new Rosenbrock();
        List<Supplier<DescentOptimizer>> makers = List.of(
                () -> Sgd.builder().lr(1e-3).momentum(0.9).build(),
                () -> Adam.of(1e-2),
                () -> RmsProp.of(1e-3));
        for (GradientClipping rule : List.of(GradientClipping.byGlobalNorm(5.0), GradientClipping.byValue(2.0))) {
            for (Supplier<DescentOptimizer> maker : makers) {
                try (NDManager m = NDManager.newBaseManager();
                        DescentOptimizer clipped = maker.get().setClipping(rule);
                        DescentOptimizer plain = maker.get()) {
                    NDArray w1 = m.create(problem.start());
                    NDArray w2 = m.create(problem.start());
                    for (int k = 0; k < 50; k++) {
                        double[] g = problem.gradient(w1.toDoubleArray(), k);
                        double[] pre = preClip(rule, g);
                        NDArray grad = m.create(g);
                        clipped.step(Map.of("w", w1), Map.of("w", grad));
                        assertArrayEquals(g, grad.toDoubleArray(), 0.0, "the caller's gradient is not modified");
                        plain.step(Map.of("w", w2), Map.of("w", m.create(pre)));
                        assertArrayEquals(w2.toDoubleArray(), w1.toDoubleArray(), 1e-15,
                                plain + " with " + rule + " at step " + k);
                    }
                }
            }
        }
    }

    /** The clipped gradient computed in plain doubles from the rule's formula. */
    private static double[] preClip(GradientClipping rule, double[] g) {
        double[] out = g.clone();
        if (rule instanceof ClipByGlobalNorm n) {
            double total = Math.sqrt(g[0] * g[0] + g[1] * g[1]);
            double coef = n.maxNorm() / (total + 1e-6);
            if (coef < 1) {
                for (int i = 0; i < out.length; i++) {
                    out[i] *= coef;
                }
            }
        } else {
            double v = ((ClipByValue) rule).clipValue();
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.max(-v, Math.min(v, out[i]));
            }
        }
        return out;
    }

    @Test
    void badInputIsNamed() {
        for (double bad : new double[] {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ClipByGlobalNorm(bad));
            assertTrue(e.getMessage().startsWith("max_norm = ") && e.getMessage().contains("> 0"), e.getMessage());
            IllegalArgumentException v = assertThrows(IllegalArgumentException.class, () -> new ClipByValue(bad));
            assertTrue(v.getMessage().startsWith("clip_value = ") && v.getMessage().contains("> 0"), v.getMessage());
        }
    }

    @Test
    void nonFiniteGradientNormIsAnErrorNotASilentNaN() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray g = m.create(new double[] {1.0, Double.NaN});
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> GradientClipping.byGlobalNorm(1.0).clipInPlace(List.of(g)));
            assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        }
    }

    @Test
    void globalNormClippingCannotRunInsideDjlUpdate() {
        try (NDManager m = NDManager.newBaseManager();
                DescentOptimizer sgd = Sgd.of(0.1).setClipping(GradientClipping.byGlobalNorm(1.0))) {
            NDArray w = m.create(new double[] {1.0, 2.0});
            NDArray g = m.create(new double[] {10.0, 0.0});
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> sgd.update("w", w, g));
            assertTrue(e.getMessage().contains("clipInPlace") && e.getMessage().contains("one parameter at a time"),
                    e.getMessage());
            assertArrayEquals(new double[] {1.0, 2.0}, w.toDoubleArray(), 0.0, "nothing was updated");
            // per-parameter clipping works there
            sgd.setClipping(GradientClipping.byValue(1.0));
            sgd.update("w", w, g);
            assertArrayEquals(new double[] {0.9, 2.0}, w.toDoubleArray(), 1e-15);
            assertArrayEquals(new double[] {10.0, 0.0}, g.toDoubleArray(), 0.0);
        }
    }
}
