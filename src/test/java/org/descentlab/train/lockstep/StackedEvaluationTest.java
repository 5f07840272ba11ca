package org.descentlab.train.lockstep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import org.descentlab.data.MnistData;
import org.descentlab.model.LectureMlp;
import org.descentlab.train.RealMnist;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The stacked evaluation pass (one wide first-layer product for the K models) against each model's own
 * LectureMlp block in evaluation mode, with the same parameters and non-trivial running statistics.
 */
class StackedEvaluationTest {

    private static final int K = 3;

    @Test
    void stackedEvaluationEqualsEachModelsOwnBlock() {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(1);
        MnistData test = RealMnist.splits().test().head(700);
        SplittableRandom random = new SplittableRandom(7);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<Block> blocks = new ArrayList<>();
            for (int m = 0; m < K; m++) {
                Engine.getInstance().setRandomSeed(11 + m);
                Block b = LectureMlp.build();
                b.initialize(manager, DataType.FLOAT32, LectureMlp.inputShape(64));
                for (Pair<String, Parameter> p : b.getParameters()) {
                    if (p.getKey().contains("running")) { // as after training: means near 0, variances near 1
                        float[] v = p.getValue().getArray().toFloatArray();
                        for (int i = 0; i < v.length; i++) {
                            v[i] = p.getKey().endsWith("Var") ? (float) (0.5 + random.nextDouble()) : (float) random.nextGaussian();
                        }
                        p.getValue().getArray().set(v);
                    }
                }
                blocks.add(b);
            }
            StackedMlp stacked = new StackedMlp(blocks, manager);
            float[] images = new float[test.count() * test.pixelsPerImage()];
            for (int i = 0; i < images.length; i++) {
                images[i] = (test.images()[i] & 0xff) / 255f;
            }
            NDArray x = manager.create(images, LectureMlp.inputShape(test.count()));
            float[] all = stacked.forwardEval(x).toFloatArray(); // [K, B, 10]
            long[] correct = new long[K];
            for (int m = 0; m < K; m++) {
                float[] own = blocks.get(m).forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow().toFloatArray();
                float[] mine = java.util.Arrays.copyOfRange(all, m * all.length / K, (m + 1) * all.length / K);
                assertEquals(own.length, mine.length);
                double worst = 0;
                for (int i = 0; i < own.length; i++) {
                    worst = Math.max(worst, Math.abs(mine[i] - own[i]) / (1 + Math.abs(own[i])));
                }
                System.out.printf("model %d: largest relative logit difference stacked/own %s%n", m, Double.toString(worst));
                // one float32 product of 784 terms summed in another order: a few ulps of the logits
                assertTrue(worst <= 1e-5, "model " + m + ": largest relative logit difference " + worst);
                for (int i = 0; i < test.count(); i++) {
                    if (argMax(own, i) == (test.labels()[i] & 0xff)) {
                        correct[m]++;
                    }
                }
            }
            double[] expected = new double[K];
            for (int m = 0; m < K; m++) {
                expected[m] = 100.0 * correct[m] / test.count();
            }
            assertArrayEquals(expected, StackedEvaluation.accuracy(stacked, manager, test), 1e-9);
        }
    }

    private static int argMax(float[] logits, int row) {
        int best = 0;
        for (int c = 1; c < LectureMlp.CLASSES; c++) {
            if (logits[row * LectureMlp.CLASSES + c] > logits[row * LectureMlp.CLASSES + best]) {
                best = c;
            }
        }
        return best;
    }
}
