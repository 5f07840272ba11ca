package org.descentlab.data;

import java.util.Arrays;

/**
 * A set of MNIST-like images with their labels, kept as bytes: pixel {@code p} of image {@code i} is
 * {@code images[i * rows * cols + p] & 0xff} (0..255), its label is {@code labels[i]} (0..9). The full
 * training set is 60000 x 784 bytes = 47 MB; floats are made only per batch ({@link MnistBatches}).
 *
 * <p>Instances are immutable by convention: the arrays are shared, not copied, by {@link #images()} and
 * {@link #labels()}, and must not be changed by callers. {@link #head(int)} and {@link #slice(int, int)}
 * copy.
 *
 * @param images pixels, {@code count * rows * cols} unsigned bytes (shared, do not modify)
 * @param labels labels, {@code count} bytes (shared, do not modify)
 * @param count the number of images, {@code >= 0}
 * @param rows the rows of an image, {@code > 0}
 * @param cols the columns of an image, {@code > 0}
 */
public record MnistData(byte[] images, byte[] labels, int count, int rows, int cols) {

    /** Size of the validation set carved from the end of the training set, as in the lecture. */
    public static final int VALIDATION_SIZE = 6_000;

    /**
     * Wraps arrays (without copying). {@code images.length} must be {@code count * rows * cols} and
     * {@code labels.length} must be {@code count}.
     */
    public MnistData {
        if (images == null || labels == null) {
            throw new IllegalArgumentException("images and labels must not be null");
        }
        if (count < 0 || rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("count = " + count + ", rows = " + rows + ", cols = " + cols
                    + " is invalid: must be count >= 0, rows > 0, cols > 0");
        }
        if (images.length != (long) count * rows * cols) {
            throw new IllegalArgumentException("images.length = " + images.length + " is invalid: must be count"
                    + " * rows * cols = " + count + " * " + rows + " * " + cols + " = " + (long) count * rows * cols);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException("labels.length = " + labels.length + " is invalid: must be count = "
                    + count + " (one label per image)");
        }
    }

    /** {@code rows * cols}: 784 for MNIST. */
    public int pixelsPerImage() {
        return rows * cols;
    }

    /** The label of image {@code i}, 0..9. */
    public int label(int i) {
        checkIndex(i);
        return labels[i] & 0xff;
    }

    /** Pixel {@code (r, c)} of image {@code i}, 0..255. */
    public int pixel(int i, int r, int c) {
        checkIndex(i);
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IllegalArgumentException("pixel (r, c) = (" + r + ", " + c + ") is invalid: must be in [0, "
                    + (rows - 1) + "] x [0, " + (cols - 1) + "]");
        }
        return images[i * pixelsPerImage() + r * cols + c] & 0xff;
    }

    /** The first {@code n} images (a copy), for quick mode; {@code n} in {@code [0, count]}. */
    public MnistData head(int n) {
        if (n < 0 || n > count) {
            throw new IllegalArgumentException("head n = " + n + " is invalid: must be an integer in [0, " + count
                    + "] (the number of images in this set)");
        }
        return slice(0, n);
    }

    /** Same as {@link #head(int)}. */
    public MnistData subset(int n) {
        return head(n);
    }

    /** Images {@code from} (inclusive) to {@code to} (exclusive), a copy; {@code 0 <= from <= to <= count}. */
    public MnistData slice(int from, int to) {
        if (from < 0 || to < from || to > count) {
            throw new IllegalArgumentException("slice [from, to) = [" + from + ", " + to + ") is invalid: must have"
                    + " 0 <= from <= to <= " + count + " (the number of images in this set)");
        }
        int p = pixelsPerImage();
        return new MnistData(Arrays.copyOfRange(images, from * p, to * p), Arrays.copyOfRange(labels, from, to),
                to - from, rows, cols);
    }

    /**
     * Number of full batches of {@code batchSize} (in [1, count]): {@code count / batchSize}; the last
     * incomplete batch is dropped, as in {@link MnistBatches}.
     */
    public int batchCount(int batchSize) {
        return MnistBatches.batchCount(this, batchSize);
    }

    /** A training set and the validation set cut from its end. */
    public record Split(MnistData train, MnistData validation) {}

    /**
     * Splits off the last {@code validationCount} images as a validation set (no shuffling: the lecture's
     * setup is the first 54000 for training, the last 6000 for validation).
     */
    public Split split(int validationCount) {
        if (validationCount < 0 || validationCount > count) {
            throw new IllegalArgumentException("validationCount = " + validationCount + " is invalid: must be an"
                    + " integer in [0, " + count + "] (the number of images in this set)");
        }
        return new Split(slice(0, count - validationCount), slice(count - validationCount, count));
    }

    /** {@link #split(int)} with {@link #VALIDATION_SIZE} (6000). */
    public Split split() {
        return split(VALIDATION_SIZE);
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IllegalArgumentException("image index = " + i + " is invalid: must be in [0, " + (count - 1)
                    + "]");
        }
    }

    @Override
    public String toString() {
        return "MnistData[" + count + " images of " + rows + "x" + cols + "]";
    }
}
