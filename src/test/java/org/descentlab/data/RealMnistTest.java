package org.descentlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The real MNIST files, when the cache is filled ({@code bin/fetch-mnist}); skipped otherwise, with the
 * reason printed. Every other test uses synthetic files.
 */
class RealMnistTest {

    @Test
    void realFilesVerifyParseAndHaveTheKnownFirstLabels() {
        MnistCache cache = MnistCache.standard();
        boolean filled = MnistCache.isFilled();
        if (!filled) {
            System.out.println("RealMnistTest skipped: the MNIST cache at " + cache.dir() + " is not filled ("
                    + String.join("; ", cache.problems()) + "). Fill it with: " + cache.fixCommand());
        }
        Assumptions.assumeTrue(filled, "MNIST cache not filled at " + cache.dir() + "; run " + cache.fixCommand());

        long t0 = System.nanoTime();
        MnistData train = cache.loadTrain();
        MnistData test = cache.loadTest();
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RealMnistTest: read + sha256-verified + parsed all four files in %.2f s%n", seconds);
        assertTrue(seconds < 10, "reading MNIST took " + seconds + " s");

        assertEquals(60000, train.count());
        assertEquals(10000, test.count());
        assertEquals(28, train.rows());
        assertEquals(28, train.cols());
        assertEquals(5, train.label(0), "first training label");
        assertEquals(7, test.label(0), "first test label");

        int[] histogram = new int[10];
        for (byte b : train.labels()) {
            histogram[b]++;
        }
        for (int d = 0; d < 10; d++) {
            assertTrue(histogram[d] > 5000 && histogram[d] < 7000, "digit " + d + ": " + histogram[d]);
        }
        int max = 0;
        for (byte b : train.images()) {
            max = Math.max(max, b & 0xff);
        }
        assertEquals(255, max);

        MnistSplits splits = MnistSplits.of(train, test);
        assertEquals(54000, splits.train().count());
        assertEquals(6000, splits.validation().count());
        assertEquals(10000, splits.test().count());
        assertEquals(train.label(54000), splits.validation().label(0));

        MnistBatches batches = new MnistBatches(splits.train(), 128, MnistBatches.LECTURE_SEED);
        assertEquals(421, batches.batchCount());
        try (NDManager manager = NDManager.newBaseManager();
                Batch batch = batches.batch(manager, 0, 0)) {
            assertEquals(new Shape(128, 784), batch.getData().singletonOrThrow().getShape());
            float maxPixel = batch.getData().singletonOrThrow().max().getFloat();
            assertTrue(maxPixel > 0.99f && maxPixel <= 1f, "max pixel " + maxPixel);
        }
    }
}
