package org.descentlab.train.lockstep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.descentlab.data.MnistBatches;
import org.descentlab.data.MnistData;

import java.nio.ByteBuffer;

/**
 * The mini-batches of K models side by side: model k's batch i of an epoch is batch i of
 * {@code new MnistBatches(data, B, seed_k)} (the same images, in the same order, as a separate run of
 * seed {@code seed_k} sees), stacked into x {@code [K, B, 784]} (float32, byte / 255 as
 * {@link MnistBatches} makes it) and y {@code [K, B]} (int64).
 */
final class StackedBatches {

    private final MnistData data;
    private final int batchSize;
    private final MnistBatches[] perModel;
    private final ByteBuffer pixels;
    private int[][] orders;

    StackedBatches(MnistData data, int batchSize, long[] seeds) {
        this.data = data;
        this.batchSize = batchSize;
        this.perModel = new MnistBatches[seeds.length];
        for (int m = 0; m < seeds.length; m++) {
            perModel[m] = new MnistBatches(data, batchSize, seeds[m]);
        }
        this.pixels = ByteBuffer.allocateDirect(seeds.length * batchSize * data.pixelsPerImage());
    }

    /** Full batches per epoch (the last incomplete one is dropped, as for a separate run). */
    int batchCount() {
        return perModel[0].batchCount();
    }

    /** Starts epoch {@code epoch} (0-based): every model's own shuffle. */
    void startEpoch(int epoch) {
        orders = new int[perModel.length][];
        for (int m = 0; m < perModel.length; m++) {
            orders[m] = perModel[m].order(epoch);
        }
    }

    /** {x [K, B, 784], y [K, B]} of batch {@code index} of the current epoch, in {@code manager}. */
    NDArray[] batch(NDManager manager, int index) {
        int k = perModel.length;
        int p = data.pixelsPerImage();
        byte[] images = data.images();
        byte[] labels = data.labels();
        long[] y = new long[k * batchSize];
        pixels.clear();
        for (int m = 0; m < k; m++) {
            for (int j = 0; j < batchSize; j++) {
                int i = orders[m][index * batchSize + j];
                pixels.put(images, i * p, p);
                y[m * batchSize + j] = labels[i] & 0xff;
            }
        }
        pixels.flip();
        NDArray x;
        try (NDArray bytes = manager.create(pixels, new Shape(k, batchSize, p), DataType.UINT8)) {
            x = bytes.toType(DataType.FLOAT32, false).divi(255f);
        }
        return new NDArray[] {x, manager.create(y, new Shape(k, batchSize))};
    }
}
