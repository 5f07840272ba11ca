package org.descentlab.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.translate.Batchifier;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Mini-batches of an {@link MnistData} set as DJL {@link Batch}es, for a hand-written training loop:
 *
 * <pre>{@code
 * MnistBatches batches = new MnistBatches(splits.train(), 128, 123);
 * for (int epoch = 0; epoch < epochs; epoch++) {
 *     for (Batch batch : batches.epoch(trainer.getManager(), epoch)) {
 *         try (batch) {
 *             EasyTrain.trainBatch(trainer, batch);   // or forward / loss / backward by hand
 *             trainer.step();
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Each batch holds {@code data = [x]} with x a float32 NDArray of shape {@code (B, rows*cols)}, pixels
 * scaled to [0, 1] (byte / 255), and {@code labels = [y]} with y an int64 NDArray of shape {@code (B)}.
 * Both live in a fresh sub-manager of the manager passed in, which the batch owns: closing the batch
 * frees them (and anything attached to that manager during the step).
 *
 * <p>Order: a permutation of all images per epoch, drawn with a {@link SplittableRandom} seeded from
 * {@code (seed, epoch)} alone, so the order is the same on every run and every machine, different from
 * one epoch to the next, and independent of how many batches of earlier epochs were read. The last,
 * incomplete batch is dropped ({@link #batchCount()} = count / B); {@link #evaluation} instead keeps
 * the data in order and keeps the last short batch, for validation and test passes.
 *
 * <p>How a batch is made: the pixels of its images are gathered as bytes into a direct buffer that the
 * epoch's iterator reuses, handed to the engine as one uint8 array, and converted there to float32 and
 * divided by 255 (IEEE division, so the values are bit for bit {@code (byte & 0xff) / 255f}). A quarter
 * of the bytes of a float copy cross to native memory, and no buffer is allocated per batch: at B = 1024
 * this took batch creation from several milliseconds to about two (see TrainingSpeedBenchmark).
 *
 * <p>Why not a DJL {@code RandomAccessDataset}: its sampler owns the order and the epoch, and its
 * batches come from per-record {@code NDList}s stacked by a batchifier, one small array per image. Here
 * the order is a pure function of (seed, epoch), a batch is made from the byte array in one copy, and the
 * loop decides when to close it. The batches are still DJL {@link Batch}es, so
 * {@code EasyTrain.trainBatch} and {@code validateBatch} accept them.
 */
public final class MnistBatches {

    /** The seed the lecture uses. */
    public static final long LECTURE_SEED = 123;

    /** Pixels are scaled by this divisor (float32 division, as {@code byte / 255f}). */
    private static final float PIXEL_MAX = 255f;

    private final MnistData data;
    private final int batchSize;
    private final long seed;
    private final boolean shuffle;
    private final boolean dropLast;

    /** Shuffled batches of {@code batchSize} (in [1, data.count()]), last incomplete batch dropped. */
    public MnistBatches(MnistData data, int batchSize, long seed) {
        this(data, batchSize, seed, true, true);
    }

    private MnistBatches(MnistData data, int batchSize, long seed, boolean shuffle, boolean dropLast) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        checkBatchSize(batchSize, data.count());
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.shuffle = shuffle;
        this.dropLast = dropLast;
    }

    /** Batches in data order, keeping the last short batch: for validation and test passes. */
    public static MnistBatches evaluation(MnistData data, int batchSize) {
        return new MnistBatches(data, batchSize, 0, false, false);
    }

    /** Number of full batches of {@code batchSize} in {@code data}: {@code count / batchSize}. */
    public static int batchCount(MnistData data, int batchSize) {
        checkBatchSize(batchSize, data.count());
        return data.count() / batchSize;
    }

    private static void checkBatchSize(int batchSize, int count) {
        if (batchSize < 1 || batchSize > count) {
            throw new IllegalArgumentException("batch size = " + batchSize + " is invalid: must be an integer in [1, "
                    + count + "] (the number of images in the set)" + (count == 0 ? "; the set is empty" : ""));
        }
    }

    public MnistData data() {
        return data;
    }

    public int batchSize() {
        return batchSize;
    }

    public long seed() {
        return seed;
    }

    /** Batches per epoch: {@code count / B} (training), or {@code ceil(count / B)} for {@link #evaluation}. */
    public int batchCount() {
        return dropLast ? data.count() / batchSize : (data.count() + batchSize - 1) / batchSize;
    }

    /** Images used per epoch: {@code batchCount() * B} for training (the rest are dropped), all for evaluation. */
    public int imagesPerEpoch() {
        return dropLast ? batchCount() * batchSize : data.count();
    }

    /** The order of the images in {@code epoch} (epoch >= 0): a permutation of {@code 0..count-1}. */
    public int[] order(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch = " + epoch + " is invalid: must be an integer >= 0");
        }
        int n = data.count();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /** Batch {@code index} (in [0, batchCount())) of {@code epoch}; see {@link #epoch} for how to close it. */
    public Batch batch(NDManager manager, int epoch, int index) {
        checkIndex(index);
        return make(manager, order(epoch), index, pixelBuffer());
    }

    /**
     * The batches of one epoch, made lazily one at a time in sub-managers of {@code manager}; close each
     * one after its step (try-with-resources).
     */
    public Iterable<Batch> epoch(NDManager manager, int epoch) {
        if (manager == null) {
            throw new IllegalArgumentException("manager must not be null");
        }
        int[] order = order(epoch);
        int count = batchCount();
        return () -> new Iterator<>() {
            private final ByteBuffer pixels = pixelBuffer();
            private int next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Batch next() {
                if (next >= count) {
                    throw new NoSuchElementException("epoch has " + count + " batches");
                }
                return make(manager, order, next++, pixels);
            }
        };
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= batchCount()) {
            throw new IllegalArgumentException("batch index = " + index + " is invalid: must be in [0, "
                    + (batchCount() - 1) + "] (batchCount = " + batchCount() + " for " + data.count()
                    + " images in batches of " + batchSize + ")");
        }
    }

    private Batch make(NDManager manager, int[] order, int index, ByteBuffer pixels) {
        int start = index * batchSize;
        int size = Math.min(batchSize, data.count() - start);
        int p = data.pixelsPerImage();
        byte[] images = data.images();
        byte[] labels = data.labels();
        long[] y = new long[size];
        pixels.clear();
        for (int j = 0; j < size; j++) {
            int i = order[start + j];
            pixels.put(images, i * p, p);
            y[j] = labels[i] & 0xff;
        }
        pixels.flip();
        NDManager sub = manager.newSubManager();
        NDArray xs;
        try (NDArray bytes = sub.create(pixels, new Shape(size, p), DataType.UINT8)) {
            xs = scaled(bytes);
        }
        NDArray ys = sub.create(y, new Shape(size));
        return new Batch(sub, new NDList(xs), new NDList(ys), size, Batchifier.STACK, Batchifier.STACK, index,
                batchCount());
    }

    /**
     * Pixels as the model sees them: uint8 {@code bytes} as float32 {@code byte / 255}, a new array in
     * {@code bytes}' manager. Torch's float division is IEEE division, so each value is bit for bit
     * {@code (byte & 0xff) / 255f} (MnistBatchesTest).
     *
     * @throws IllegalArgumentException if {@code bytes} is null or not uint8
     */
    public static NDArray scaled(NDArray bytes) {
        if (bytes == null || bytes.getDataType() != DataType.UINT8) {
            throw new IllegalArgumentException("bytes = " + (bytes == null ? "null" : bytes.getDataType())
                    + " is invalid: must be an array of uint8 pixels (0-255)");
        }
        return bytes.toType(DataType.FLOAT32, false).divi(PIXEL_MAX);
    }

    /** A direct buffer for the pixels of one batch, reused batch after batch within an epoch. */
    private ByteBuffer pixelBuffer() {
        return ByteBuffer.allocateDirect(batchSize * data.pixelsPerImage());
    }
}
