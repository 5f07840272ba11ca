package org.descentlab.train.lockstep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.descentlab.data.MnistBatches;
import org.descentlab.data.MnistData;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The mini-batches of K models side by side: model k's batch i of an epoch is batch i of
 * {@code new MnistBatches(data, B, seed_k)} (the same images, in the same order, as a separate run of
 * seed {@code seed_k} sees), stacked into x {@code [K, B, 784]} (float32, byte / 255 as
 * {@link MnistBatches} makes it) and y {@code [K, B]} (int64).
 *
 * <p>SPEED: the images are converted to float32 once, by {@link MnistBatches#scaled} as a separate run's
 * batches are (so every pixel value is the same), and a batch is then a copy of
 * its K x B rows: 2.6 ms per step against 4.2 for gathering bytes and converting each batch (K = 12,
 * B = 256, one thread), for 4 bytes per training pixel kept in memory (169 MB for the 54000 images).
 * Only on the CPU, where the rows can be read in place; elsewhere the bytes are gathered and converted
 * per batch.
 */
final class StackedBatches {

    private final MnistData data;
    private final int batchSize;
    private final MnistBatches[] perModel;
    /** The training images as float32, read in place (CPU), or null: then {@link #bytes} are converted per batch. */
    private final ByteBuffer floats;
    /** One batch: pixels as bytes, or as float32 when {@link #floats} is set. */
    private final ByteBuffer pixels;
    private int[][] orders;

    /**
     * @param manager where the float32 images live while the group trains (on a CPU device), or null to
     *     convert per batch
     */
    StackedBatches(MnistData data, int batchSize, long[] seeds, NDManager manager) {
        this.data = data;
        this.batchSize = batchSize;
        this.perModel = new MnistBatches[seeds.length];
        for (int m = 0; m < seeds.length; m++) {
            perModel[m] = new MnistBatches(data, batchSize, seeds[m]);
        }
        int rows = seeds.length * batchSize;
        if (manager != null && !manager.getDevice().isGpu()) {
            NDArray images = toFloat(manager.create(ByteBuffer.wrap(data.images()),
                    new Shape(data.count(), data.pixelsPerImage()), DataType.UINT8));
            this.floats = images.toByteBuffer(true); // the tensor's own memory; the manager keeps the tensor
            this.pixels = ByteBuffer.allocateDirect(rows * data.pixelsPerImage() * Float.BYTES)
                    .order(ByteOrder.nativeOrder());
        } else {
            this.floats = null;
            this.pixels = ByteBuffer.allocateDirect(rows * data.pixelsPerImage());
        }
    }

    /** {@link MnistBatches#scaled} of {@code bytes}, which it closes. */
    private static NDArray toFloat(NDArray bytes) {
        try (bytes) {
            return MnistBatches.scaled(bytes);
        }
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
        int row = floats == null ? p : p * Float.BYTES;
        int at = 0;
        for (int m = 0; m < k; m++) {
            for (int j = 0; j < batchSize; j++) {
                int i = orders[m][index * batchSize + j];
                if (floats == null) {
                    pixels.put(at, images, i * p, p);
                } else {
                    pixels.put(at, floats, i * row, row);
                }
                at += row;
                y[m * batchSize + j] = labels[i] & 0xff;
            }
        }
        Shape shape = new Shape(k, batchSize, p);
        // the engine reads the direct buffer in place: x is used up within the step, before the next batch
        NDArray x = floats == null ? toFloat(manager.create(pixels, shape, DataType.UINT8))
                : manager.create(pixels, shape, DataType.FLOAT32);
        return new NDArray[] {x, manager.create(y, new Shape(k, batchSize))};
    }
}
