package org.descentlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

import org.junit.jupiter.api.Test;

/** {@link CrossEntropyLoss}: bit for bit DJL's SoftmaxCrossEntropyLoss, a hand value, bad shapes. */
class CrossEntropyLossTest {

    @Test
    void lossAndGradientAreDjlsBitForBit() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(9);
            for (int b : new int[] {1, 7, 64, 256}) {
                NDArray logits = m.randomNormal(0f, 3f, new Shape(b, 10), ai.djl.ndarray.types.DataType.FLOAT32);
                long[] labels = new long[b];
                for (int i = 0; i < b; i++) {
                    labels[i] = (i * 7L + 3) % 10;
                }
                NDArray y = m.create(labels);
                float[][] ours = lossAndGradient(new CrossEntropyLoss("ce"), logits, y);
                float[][] djl = lossAndGradient(new SoftmaxCrossEntropyLoss("ce"), logits, y);
                assertArrayEquals(djl[0], ours[0], 0f, "loss, B = " + b);
                assertArrayEquals(djl[1], ours[1], 0f, "gradient, B = " + b);
            }
        }
    }

    private static float[][] lossAndGradient(Loss loss, NDArray logits, NDArray y) {
        NDArray z = logits.duplicate();
        z.setRequiresGradient(true);
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            NDArray l = loss.evaluate(new NDList(y), new NDList(z));
            c.backward(l);
            return new float[][] {{l.getFloat()}, z.getGradient().toFloatArray()};
        }
    }

    @Test
    void handValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            // logits (0, ln 3) with label 1: -log(3/4); (0, 0) with label 0: log 2
            NDArray z = m.create(new float[] {0f, (float) Math.log(3), 0f, 0f}, new Shape(2, 2));
            NDArray y = m.create(new long[] {1, 0});
            float l = new CrossEntropyLoss("ce").evaluate(new NDList(y), new NDList(z)).getFloat();
            assertEquals((-Math.log(0.75) + Math.log(2)) / 2, l, 1e-6);
            // int32 labels are accepted too
            float l32 = new CrossEntropyLoss("ce").evaluate(new NDList(m.create(new int[] {1, 0})), new NDList(z))
                    .getFloat();
            assertEquals(l, l32, 0f);
        }
    }

    @Test
    void mismatchedShapesAreAClearError() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray z = m.zeros(new Shape(4, 10));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new CrossEntropyLoss("ce").evaluate(new NDList(m.zeros(new Shape(3))), new NDList(z)));
            assertTrue(e.getMessage().contains("(4, 10)") && e.getMessage().contains("(3)")
                    && e.getMessage().contains("(B, C) and (B)"), e.getMessage());
        }
    }
}
