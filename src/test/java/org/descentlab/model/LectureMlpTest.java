package org.descentlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import org.junit.jupiter.api.Test;

/** The lecture MLP: parameter count, output shape, dropout only in training, torch's init
 * (BatchNorm1dTest and InvertedDropoutTest check the two layers). */
class LectureMlpTest {

    private static SequentialBlock initialised(NDManager manager, long seed) {
        manager.getEngine().setRandomSeed((int) seed);
        SequentialBlock net = LectureMlp.build();
        net.initialize(manager, DataType.FLOAT32, LectureMlp.inputShape(8));
        return net;
    }

    @Test
    void trainableParametersAreTheLinearWeightsBatchNormScalesAndTheLastBias() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = initialised(m, 123);
            assertEquals(784 * 75 + 2 * 75 + 75 * 45 + 2 * 45 + 45 * 10 + 10, LectureMlp.trainableParameterCount(net));
            assertEquals(62_875, LectureMlp.expectedTrainableParameterCount());
            long running = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (!p.getValue().requiresGradient()) {
                    running += p.getValue().getArray().size();
                }
            }
            assertEquals(2 * 75 + 2 * 45, running, "running mean and variance are not trainable");
        }
    }

    @Test
    void outputIsBatchByTenAndDropoutActsOnlyInTraining() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = initialised(m, 123);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.randomUniform(0, 1, new Shape(32, 784));
            NDArray evalA = net.forward(ps, new NDList(x), false).singletonOrThrow();
            NDArray evalB = net.forward(ps, new NDList(x), false).singletonOrThrow();
            assertEquals(new Shape(32, 10), evalA.getShape());
            assertArrayEquals(evalA.toFloatArray(), evalB.toFloatArray(), 0f, "eval mode is deterministic");
            // training mode with the same batch statistics: two passes differ only by the dropout masks
            NDArray trainA = net.forward(ps, new NDList(x), true).singletonOrThrow();
            NDArray trainB = net.forward(ps, new NDList(x), true).singletonOrThrow();
            assertEquals(new Shape(32, 10), trainA.getShape());
            assertFalse(java.util.Arrays.equals(trainA.toFloatArray(), trainB.toFloatArray()), "dropout in training");
        }
    }

    @Test
    void linearLayersStartInsideTorchsUniformBound() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock net = initialised(m, 123);
            for (Pair<String, Parameter> p : net.getParameters()) {
                Parameter param = p.getValue();
                float[] v = param.getArray().toFloatArray();
                if (param.getType() == Parameter.Type.WEIGHT) {
                    long fanIn = param.getArray().getShape().get(1);
                    double bound = 1 / Math.sqrt(fanIn);
                    double max = 0;
                    for (float f : v) {
                        max = Math.max(max, Math.abs(f));
                    }
                    assertTrue(max <= bound && max > 0.9 * bound, p.getKey() + ": max |w| " + max + " vs " + bound);
                } else if (param.getType() == Parameter.Type.GAMMA) {
                    for (float f : v) {
                        assertEquals(1f, f);
                    }
                } else if (param.getType() == Parameter.Type.BETA) {
                    for (float f : v) {
                        assertEquals(0f, f);
                    }
                } else if (param.getType() == Parameter.Type.BIAS) {
                    for (float f : v) {
                        assertTrue(Math.abs(f) <= 1 / Math.sqrt(45), p.getKey());
                    }
                }
            }
        }
    }
}
