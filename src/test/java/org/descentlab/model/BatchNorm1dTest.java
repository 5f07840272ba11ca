package org.descentlab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

import org.junit.jupiter.api.Test;

/**
 * {@link BatchNorm1d} against DJL's {@link BatchNorm} (axis 1, the same momentum and epsilon): outputs,
 * gradients of the input, gamma and beta, and running statistics, bit for bit, over several training
 * steps and in evaluation.
 */
class BatchNorm1dTest {

    private static final int FEATURES = 7;

    @Test
    void matchesDjlBatchNormBitForBit() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(5);
            BatchNorm1d ours = new BatchNorm1d(LectureMlp.TORCH_BN_MOMENTUM, LectureMlp.BN_EPS);
            AbstractBlock djl = (AbstractBlock) BatchNorm.builder().optMomentum(LectureMlp.DJL_BN_MOMENTUM)
                    .optEpsilon(LectureMlp.BN_EPS).optAxis(1).build();
            ours.initialize(m, DataType.FLOAT32, new Shape(16, FEATURES));
            djl.initialize(m, DataType.FLOAT32, new Shape(16, FEATURES));
            // non-trivial gamma and beta, the same in both
            NDArray gamma = m.randomUniform(0.5f, 2f, new Shape(FEATURES));
            NDArray beta = m.randomUniform(-1f, 1f, new Shape(FEATURES));
            for (AbstractBlock b : new AbstractBlock[] {ours, djl}) {
                b.getParameters().get("gamma").getArray().set(gamma.toFloatArray());
                b.getParameters().get("beta").getArray().set(beta.toFloatArray());
            }
            ParameterStore store = new ParameterStore(m, false);
            for (int step = 0; step < 5; step++) {
                NDArray x = m.randomNormal(3f, 2f, new Shape(16, FEATURES), DataType.FLOAT32);
                NDArray weights = m.randomNormal(new Shape(16, FEATURES));
                float[][] a = forwardBackward(ours, store, x, weights);
                float[][] b = forwardBackward(djl, store, x, weights);
                for (int k = 0; k < a.length; k++) {
                    assertArrayEquals(b[k], a[k], 0f, "step " + step + ", " + WHAT[k]);
                }
            }
            for (String name : new String[] {"runningMean", "runningVar"}) {
                float[] a = ours.getParameters().get(name).getArray().toFloatArray();
                float[] b = djl.getParameters().get(name).getArray().toFloatArray();
                assertArrayEquals(b, a, 0f, name);
                assertTrue(a[0] != (name.equals("runningMean") ? 0f : 1f), name + " was updated");
            }
            NDArray x = m.randomNormal(3f, 2f, new Shape(4, FEATURES), DataType.FLOAT32);
            assertArrayEquals(djl.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray(),
                    ours.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray(), 0f, "evaluation");
        }
    }

    private static final String[] WHAT = {"output", "input gradient", "gamma gradient", "beta gradient"};

    /** Output, and the gradients of sum(output * weights) by the input, gamma and beta. */
    private static float[][] forwardBackward(AbstractBlock block, ParameterStore store, NDArray x, NDArray weights) {
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        Parameter gamma = block.getParameters().get("gamma");
        Parameter beta = block.getParameters().get("beta");
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
            NDArray y = block.forward(store, new NDList(input), true).singletonOrThrow();
            c.backward(y.mul(weights).sum());
            float[][] out = {y.toFloatArray(), input.getGradient().toFloatArray(),
                    gamma.getArray().getGradient().toFloatArray(), beta.getArray().getGradient().toFloatArray()};
            c.zeroGradients();
            return out;
        }
    }

    @Test
    void runningStatisticsFollowTorchsMomentum() {
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm1d bn = new BatchNorm1d(0.1f, 1e-5f);
            bn.initialize(m, DataType.FLOAT32, new Shape(4, 2));
            NDArray x = m.create(new float[] {1, 10, 2, 20, 3, 30, 6, 60}, new Shape(4, 2));
            NDArray y = bn.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
            float[] mean = bn.getParameters().get("runningMean").getArray().toFloatArray();
            float[] var = bn.getParameters().get("runningVar").getArray().toFloatArray();
            // torch: running = 0.9 running + 0.1 batch, with the unbiased variance: column 0 mean 3, var 14/3
            assertEquals(0.1 * 3, mean[0], 1e-6);
            assertEquals(0.1 * 30, mean[1], 1e-5);
            assertEquals(0.9 + 0.1 * 14.0 / 3, var[0], 1e-6);
            assertEquals(0.9 + 0.1 * 1400.0 / 3, var[1], 1e-4);
            // the output uses the biased batch variance 14/4: (1 - 3) / sqrt(3.5 + 1e-5)
            assertEquals(-2 / Math.sqrt(3.5 + 1e-5), y.getFloat(0, 0), 1e-6);
        }
    }

    @Test
    void rejectsBadSettingsAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(0f, 1e-5f));
        assertTrue(e.getMessage().contains("momentum = 0.0") && e.getMessage().contains("(0, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(1.5f, 1e-5f));
        assertTrue(e.getMessage().contains("momentum = 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(0.1f, 0f));
        assertTrue(e.getMessage().contains("epsilon = 0.0") && e.getMessage().contains("> 0"), e.getMessage());
        try (NDManager m = NDManager.newBaseManager()) {
            BatchNorm1d bn = new BatchNorm1d(0.1f, 1e-5f);
            e = assertThrows(IllegalArgumentException.class,
                    () -> bn.initialize(m, DataType.FLOAT32, new Shape(4, 2, 3)));
            assertTrue(e.getMessage().contains("(B, C)"), e.getMessage());
            bn.initialize(m, DataType.FLOAT32, new Shape(4, 2));
            NDArray wrong = m.zeros(new Shape(4, 3));
            e = assertThrows(IllegalArgumentException.class,
                    () -> bn.forward(new ParameterStore(m, false), new NDList(wrong), true));
            assertTrue(e.getMessage().contains("(4, 3)") && e.getMessage().contains("(B, 2)"), e.getMessage());
        }
    }
}
