package org.descentlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MnistBatchesTest {

    private static void assertMentions(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
        }
    }

    /** n images whose pixels are all equal to the image's index * 25 (so 0..250), label = index % 10. */
    private static MnistData constantImages(int n) {
        byte[] px = new byte[n * 784];
        byte[] lb = new byte[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(px, i * 784, (i + 1) * 784, (byte) (i * 25));
            lb[i] = (byte) (i % 10);
        }
        return new MnistData(px, lb, n, 28, 28);
    }

    @Test
    void scaledTakesUint8PixelsOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray bytes = manager.create(new byte[] {0, 1, (byte) 128, (byte) 255}).toType(DataType.UINT8, false);
            assertArrayEquals(new float[] {0f, 1 / 255f, 128 / 255f, 1f}, MnistBatches.scaled(bytes).toFloatArray(), 0f);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MnistBatches.scaled(manager.create(new float[] {0.5f})));
            assertEquals("bytes = float32 is invalid: must be an array of uint8 pixels (0-255)", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> MnistBatches.scaled(null));
        }
    }

    @Test
    void batchesHaveTheRightShapesTypesAndDropTheIncompleteOne() {
        MnistData data = constantImages(10);
        MnistBatches batches = new MnistBatches(data, 3, MnistBatches.LECTURE_SEED);
        assertEquals(3, batches.batchCount());
        assertEquals(9, batches.imagesPerEpoch());
        Set<Long> seenLabels = new HashSet<>();
        int n = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Batch batch : batches.epoch(manager, 0)) {
                try (batch) {
                    NDArray x = batch.getData().singletonOrThrow();
                    NDArray y = batch.getLabels().singletonOrThrow();
                    assertEquals(new Shape(3, 784), x.getShape());
                    assertEquals(DataType.FLOAT32, x.getDataType());
                    assertEquals(new Shape(3), y.getShape());
                    assertEquals(DataType.INT64, y.getDataType());
                    assertEquals(3, batch.getSize());
                    assertEquals(n, batch.getProgress());
                    assertEquals(3, batch.getProgressTotal());
                    float[] xs = x.toFloatArray();
                    long[] ys = y.toLongArray();
                    for (int j = 0; j < 3; j++) {
                        // image i has pixels i*25/255 and label i%10 = i (i < 10): rows stay matched to labels
                        assertEquals(ys[j] * 25 / 255f, xs[j * 784], 0f);
                        assertEquals(ys[j] * 25 / 255f, xs[j * 784 + 783], 0f);
                        assertTrue(seenLabels.add(ys[j]), "image used twice in one epoch");
                    }
                }
                n++;
            }
        }
        assertEquals(3, n);
        assertEquals(9, seenLabels.size(), "9 of 10 images used, one dropped");
    }

    @Test
    void everyByteValueScalesBitForBitAsJavaFloatDivision() {
        // 7 images: pixel k of image i = (i * 784 + k) * 31 mod 256, every byte value many times; evaluation
        // batches of 3 (the iterator reuses its pixel buffer) with a short last batch of 1
        int n = 7;
        byte[] px = new byte[n * 784];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 31);
        }
        MnistData data = new MnistData(px, new byte[n], n, 28, 28);
        int image = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Batch batch : MnistBatches.evaluation(data, 3).epoch(manager, 0)) {
                try (batch) {
                    float[] xs = batch.getData().singletonOrThrow().toFloatArray();
                    for (int k = 0; k < xs.length; k++) {
                        float expected = (px[image * 784 + k] & 0xff) / 255f;
                        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(xs[k]),
                                "image " + (image + k / 784) + " pixel " + k % 784);
                    }
                    image += batch.getSize();
                }
            }
        }
        assertEquals(n, image);
    }

    @Test
    void pixelsAreScaledToZeroOne() {
        byte[] px = new byte[2 * 784];
        px[0] = (byte) 255;
        px[1] = (byte) 128;
        px[784] = 0;
        px[785] = 1;
        MnistData data = new MnistData(px, new byte[] {4, 9}, 2, 28, 28);
        try (NDManager manager = NDManager.newBaseManager();
                Batch batch = MnistBatches.evaluation(data, 2).batch(manager, 0, 0)) {
            float[] xs = batch.getData().singletonOrThrow().toFloatArray();
            assertEquals(1.0f, xs[0], 0f);
            assertEquals(128 / 255f, xs[1], 0f);
            assertEquals(0.0f, xs[784], 0f);
            assertEquals(1 / 255f, xs[785], 0f);
            NDArray x = batch.getData().singletonOrThrow();
            assertEquals(1.0f, x.max().getFloat(), 0f);
            assertEquals(0.0f, x.min().getFloat(), 0f);
            assertArrayEquals(new long[] {4, 9}, batch.getLabels().singletonOrThrow().toLongArray());
        }
    }

    @Test
    void shuffleIsDeterministicPerSeedAndEpochAndDiffersAcrossEpochs() {
        MnistData data = constantImages(10).slice(0, 10);
        MnistData big = new MnistData(new byte[1000 * 784], new byte[1000], 1000, 28, 28);
        MnistBatches a = new MnistBatches(big, 32, 123);
        MnistBatches b = new MnistBatches(big, 32, 123);
        MnistBatches c = new MnistBatches(big, 32, 124);
        assertArrayEquals(a.order(0), b.order(0));
        assertArrayEquals(a.order(7), b.order(7));
        assertFalse(Arrays.equals(a.order(0), a.order(1)), "epochs 0 and 1 must differ");
        assertFalse(Arrays.equals(a.order(0), c.order(0)), "seeds 123 and 124 must differ");
        int[] sorted = a.order(3).clone();
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i], "order must be a permutation");
        }
        int[] identity = new int[1000];
        Arrays.setAll(identity, i -> i);
        assertFalse(Arrays.equals(identity, a.order(0)), "training batches are shuffled");

        // the same (seed, epoch) gives the same batches, whatever was read before
        MnistBatches small = new MnistBatches(data, 2, 5);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<long[]> first = labelsOf(small, manager, 4);
            labelsOf(small, manager, 0);
            List<long[]> again = labelsOf(new MnistBatches(data, 2, 5), manager, 4);
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(first.get(i), again.get(i));
            }
            try (Batch single = small.batch(manager, 4, 3)) {
                assertArrayEquals(first.get(3), single.getLabels().singletonOrThrow().toLongArray());
            }
        }
    }

    private static List<long[]> labelsOf(MnistBatches batches, NDManager manager, int epoch) {
        List<long[]> out = new ArrayList<>();
        for (Batch batch : batches.epoch(manager, epoch)) {
            try (batch) {
                out.add(batch.getLabels().singletonOrThrow().toLongArray());
            }
        }
        return out;
    }

    @Test
    void evaluationKeepsOrderAndTheLastShortBatch() {
        MnistData data = constantImages(10);
        MnistBatches eval = MnistBatches.evaluation(data, 4);
        assertEquals(3, eval.batchCount());
        assertEquals(10, eval.imagesPerEpoch());
        try (NDManager manager = NDManager.newBaseManager()) {
            List<long[]> labels = labelsOf(eval, manager, 0);
            assertArrayEquals(new long[] {0, 1, 2, 3}, labels.get(0));
            assertArrayEquals(new long[] {8, 9}, labels.get(2));
        }
    }

    @Test
    void closingABatchFreesItsArrays() {
        MnistData data = constantImages(10);
        try (NDManager manager = NDManager.newBaseManager()) {
            int before = manager.getManagedArrays().size();
            NDArray x;
            try (Batch batch = new MnistBatches(data, 5, 1).batch(manager, 0, 1)) {
                x = batch.getData().singletonOrThrow();
                assertFalse(x.isReleased());
            }
            assertTrue(x.isReleased(), "the batch's arrays are freed when it closes");
            assertEquals(before, manager.getManagedArrays().size());
        }
    }

    @Test
    void batchesWorkWithEasyTrainInADjlTrainer() {
        MnistData data = constantImages(10);
        MnistBatches batches = new MnistBatches(data, 4, MnistBatches.LECTURE_SEED);
        try (ai.djl.Model model = ai.djl.Model.newInstance("softmax-regression")) {
            model.setBlock(ai.djl.nn.core.Linear.builder().setUnits(10).build());
            ai.djl.training.DefaultTrainingConfig config = new ai.djl.training.DefaultTrainingConfig(
                    ai.djl.training.loss.Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(ai.djl.training.optimizer.Optimizer.sgd()
                            .setLearningRateTracker(ai.djl.training.tracker.Tracker.fixed(0.1f)).build());
            try (ai.djl.training.Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(4, 784));
                NDManager manager = trainer.getManager();
                int arraysBefore = manager.getManagedArrays().size();
                for (int epoch = 0; epoch < 3; epoch++) {
                    for (Batch batch : batches.epoch(manager, epoch)) {
                        try (batch) {
                            ai.djl.training.EasyTrain.trainBatch(trainer, batch);
                            trainer.step();
                        }
                    }
                    try (Batch batch = MnistBatches.evaluation(data, 10).batch(manager, 0, 0)) {
                        ai.djl.training.EasyTrain.validateBatch(trainer, batch);
                    }
                }
                assertEquals(arraysBefore, manager.getManagedArrays().size(), "batches leave no arrays behind");
            }
        }
    }

    @Test
    void badArgumentsAreClearErrors() {
        MnistData data = constantImages(10);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new MnistBatches(data, 0, 1)),
                "batch size = 0", "[1, 10]");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> new MnistBatches(data, 11, 1)),
                "batch size = 11", "[1, 10]");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> MnistBatches.batchCount(data, -3)),
                "batch size = -3");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new MnistBatches(data.head(0), 1, 1)), "the set is empty");
        MnistBatches b = new MnistBatches(data, 4, 1);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> b.order(-1)), "epoch = -1");
        try (NDManager manager = NDManager.newBaseManager()) {
            assertMentions(assertThrows(IllegalArgumentException.class, () -> b.batch(manager, 0, 2)),
                    "batch index = 2", "[0, 1]");
        }
        assertEquals(2, MnistBatches.batchCount(data, 4));
    }
}
