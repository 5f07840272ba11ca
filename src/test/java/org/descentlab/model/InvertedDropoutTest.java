package org.descentlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link InvertedDropout}: keep rate, scaling, gradient, evaluation mode, seeding, bad rates. */
class InvertedDropoutTest {

    private static NDArray forward(InvertedDropout d, NDManager m, NDArray x, boolean training) {
        return d.forward(new ParameterStore(m, false), new NDList(x), training).singletonOrThrow();
    }

    @ParameterizedTest
    @ValueSource(floats = {0.5f, 0.3f, 0.9f})
    void keepsOneMinusPOfTheElementsAndScalesThemByItsInverse(float p) {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(11);
            InvertedDropout d = new InvertedDropout(p);
            d.initialize(m, DataType.FLOAT32, new Shape(400, 500));
            float[] x = m.randomUniform(0.5f, 1.5f, new Shape(400, 500)).toFloatArray();
            float[] y = forward(d, m, m.create(x, new Shape(400, 500)), true).toFloatArray();
            float scale = 1f / (1f - p);
            int kept = 0;
            for (int i = 0; i < x.length; i++) {
                if (y[i] != 0f) {
                    kept++;
                    assertEquals(x[i] * scale, y[i], 0f, "a kept element is x / (1 - p), element " + i);
                }
            }
            // binomial(n, 1 - p): within 5 standard deviations
            double n = x.length;
            double sd = Math.sqrt(n * p * (1 - p));
            assertEquals(n * (1 - p), kept, 5 * sd, "kept elements");
            // the expected output is the input: mean of y / x over all elements
            double ratio = 0;
            for (int i = 0; i < x.length; i++) {
                ratio += y[i] / x[i];
            }
            assertEquals(1.0, ratio / n, 5 * scale * Math.sqrt(p * (1 - p) / n), "E[y / x]");
        }
    }

    @Test
    void gradientIsTheScaledMask() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            InvertedDropout d = new InvertedDropout(0.3f);
            d.initialize(m, DataType.FLOAT32, new Shape(64, 45));
            NDArray x = m.randomUniform(0.5f, 1.5f, new Shape(64, 45));
            NDArray c = m.randomNormal(new Shape(64, 45));
            x.setRequiresGradient(true);
            try (GradientCollector g = Engine.getInstance().newGradientCollector()) {
                NDArray y = forward(d, m, x, true);
                g.backward(y.mul(c).sum());
                float[] yv = y.toFloatArray();
                float[] xv = x.toFloatArray();
                float[] cv = c.toFloatArray();
                float[] grad = x.getGradient().toFloatArray();
                for (int i = 0; i < yv.length; i++) {
                    float mask = yv[i] == 0f ? 0f : 1f / 0.7f;
                    assertEquals(mask * cv[i], grad[i], 0f, "element " + i + " (x " + xv[i] + ")");
                }
            }
        }
    }

    @Test
    void evaluationAndRateZeroPassTheInputThrough() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0f, 1f, new Shape(8, 75));
            InvertedDropout d = new InvertedDropout(0.5f);
            d.initialize(m, DataType.FLOAT32, new Shape(8, 75));
            assertArrayEquals(x.toFloatArray(), forward(d, m, x, false).toFloatArray(), 0f, "evaluation");
            InvertedDropout none = new InvertedDropout(0f);
            none.initialize(m, DataType.FLOAT32, new Shape(8, 75));
            assertArrayEquals(x.toFloatArray(), forward(none, m, x, true).toFloatArray(), 0f, "p = 0");
        }
    }

    @Test
    void theEngineSeedFixesTheMask() {
        try (NDManager m = NDManager.newBaseManager()) {
            InvertedDropout d = new InvertedDropout(0.5f);
            d.initialize(m, DataType.FLOAT32, new Shape(32, 75));
            NDArray x = m.ones(new Shape(32, 75));
            m.getEngine().setRandomSeed(42);
            float[] a = forward(d, m, x, true).toFloatArray();
            float[] b = forward(d, m, x, true).toFloatArray();
            m.getEngine().setRandomSeed(42);
            float[] again = forward(d, m, x, true).toFloatArray();
            assertArrayEquals(a, again, 0f, "same seed, same mask");
            assertFalse(java.util.Arrays.equals(a, b), "the next call draws a new mask");
        }
    }

    @Test
    void rejectsRatesOutsideZeroToOne() {
        for (float bad : new float[] {-0.1f, 1f, 1.5f, Float.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InvertedDropout(bad));
            assertTrue(e.getMessage().contains("rate = " + bad) && e.getMessage().contains("[0, 1)"), e.getMessage());
        }
    }
}
