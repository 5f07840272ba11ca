package org.descentlab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files (the MNIST file format) of unsigned bytes.
 *
 * <p>Format: a 4-byte big-endian magic number {@code 0x0000 08 DD} (type 0x08 = unsigned byte, DD =
 * number of dimensions), then DD big-endian 32-bit sizes, then the data in row-major order. MNIST
 * images are {@code 0x00000803} (count, rows, cols); labels are {@code 0x00000801} (count).
 *
 * <p>Every check is strict: the magic number, the item count (when one is expected), and the exact
 * data length (a truncated file and a file with trailing bytes are both rejected). A file that
 * starts with the gzip signature is decompressed first, so {@code .gz} originals read too.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with 3 dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with 1 dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;
    /** Pass as {@code expectedCount} to accept any item count. */
    public static final int ANY_COUNT = -1;

    private static final String DEFAULT_FIX = "re-create the file, or refill the MNIST cache with: bin/fetch-mnist";

    private IdxReader() {}

    /** Images as read: {@code count * rows * cols} unsigned bytes, row-major, one image after another. */
    public record Images(byte[] pixels, int count, int rows, int cols) {}

    /** Reads an image file; {@code expectedCount} is checked unless it is {@link #ANY_COUNT}. */
    public static Images readImages(Path file, int expectedCount) {
        return parseImages(readBytes(file, DEFAULT_FIX), file.toString(), expectedCount, DEFAULT_FIX);
    }

    /** Reads a label file; {@code expectedCount} is checked unless it is {@link #ANY_COUNT}. */
    public static byte[] readLabels(Path file, int expectedCount) {
        return parseLabels(readBytes(file, DEFAULT_FIX), file.toString(), expectedCount, DEFAULT_FIX);
    }

    /**
     * Parses the bytes of an image file. {@code source} names the file in error messages and {@code fix}
     * says how to repair it.
     */
    public static Images parseImages(byte[] bytes, String source, int expectedCount, String fix) {
        int[] dims = header(bytes, source, IMAGES_MAGIC, fix);
        checkCount(dims[0], source, expectedCount, fix);
        if (dims[1] <= 0 || dims[2] <= 0) {
            throw new MnistDataException(source + ": image size = " + dims[1] + " x " + dims[2]
                    + " is invalid: rows and cols must be > 0. The file is corrupt; fix: " + fix);
        }
        long needed = (long) dims[0] * dims[1] * dims[2];
        byte[] data = body(bytes, source, 16, needed,
                dims[0] + " x " + dims[1] + " x " + dims[2], fix);
        return new Images(data, dims[0], dims[1], dims[2]);
    }

    /** Parses the bytes of a label file; see {@link #parseImages}. */
    public static byte[] parseLabels(byte[] bytes, String source, int expectedCount, String fix) {
        int[] dims = header(bytes, source, LABELS_MAGIC, fix);
        checkCount(dims[0], source, expectedCount, fix);
        return body(bytes, source, 8, dims[0], Integer.toString(dims[0]), fix);
    }

    /**
     * A data set from the bytes of its image file and its label file: both parsed, the counts equal and
     * every label a digit in [0, 9]; see {@link #parseImages}.
     */
    static MnistData parseDataset(byte[] imageBytes, String imagesSource, int imageCount, byte[] labelBytes,
            String labelsSource, int labelCount, String fix) {
        Images images = parseImages(imageBytes, imagesSource, imageCount, fix);
        byte[] labels = parseLabels(labelBytes, labelsSource, labelCount, fix);
        if (labels.length != images.count()) {
            throw new MnistDataException(labelsSource + ": label count = " + labels.length + " is invalid: must"
                    + " equal the image count of " + imagesSource + " (" + images.count() + "). Fix: " + fix);
        }
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] & 0xff) > 9) {
                throw new MnistDataException(labelsSource + ": label[" + i + "] = " + (labels[i] & 0xff)
                        + " is invalid: must be a digit in [0, 9]. Fix: " + fix);
            }
        }
        return new MnistData(images.pixels(), labels, images.count(), images.rows(), images.cols());
    }

    /**
     * All bytes of a file, decompressed if it starts with the gzip signature. A missing or unreadable
     * file is a {@link MnistDataException} naming it.
     */
    public static byte[] readBytes(Path file, String fix) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new MnistDataException(file + " is missing. Fix: " + fix, e);
        } catch (IOException e) {
            throw new MnistDataException("cannot read " + file + " (" + e + "). Fix: " + fix, e);
        }
        return isGzip(raw) ? gunzip(raw, file.toString(), fix) : raw;
    }

    /** True if the bytes start with the gzip signature {@code 1f 8b}. */
    public static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    static byte[] gunzip(byte[] gz, String source, String fix) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz), 1 << 16)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(gz.length * 4);
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new MnistDataException(source + " is a corrupt or truncated gzip file (" + e.getMessage()
                    + "). Fix: " + fix, e);
        }
    }

    private static int[] header(byte[] bytes, String source, int expectedMagic, String fix) {
        int nDims = expectedMagic & 0xff;
        int headerSize = 4 + 4 * nDims;
        if (bytes.length < 4) {
            throw new MnistDataException(source + " is truncated: it has " + bytes.length
                    + " bytes, fewer than the 4-byte IDX magic number. Fix: " + fix);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes); // big-endian by default, as IDX is
        int magic = buf.getInt();
        if (magic != expectedMagic) {
            throw new MnistDataException(source + ": magic number = " + hex(magic) + " is invalid: must be "
                    + hex(expectedMagic) + " (IDX, unsigned bytes, " + nDims + " dimension"
                    + (nDims == 1 ? "" : "s") + (nDims == 3 ? ": images" : nDims == 1 ? ": labels" : "")
                    + "). The file is corrupt or is not the file its name says. Fix: " + fix);
        }
        if (bytes.length < headerSize) {
            throw new MnistDataException(source + " is truncated: it has " + bytes.length
                    + " bytes, fewer than its " + headerSize + "-byte IDX header. Fix: " + fix);
        }
        int[] dims = new int[nDims];
        for (int i = 0; i < nDims; i++) {
            dims[i] = buf.getInt();
            if (dims[i] < 0) {
                throw new MnistDataException(source + ": dimension " + i + " = " + dims[i]
                        + " is invalid: must be >= 0. The file is corrupt. Fix: " + fix);
            }
        }
        return dims;
    }

    private static void checkCount(int count, String source, int expectedCount, String fix) {
        if (expectedCount != ANY_COUNT && count != expectedCount) {
            throw new MnistDataException(source + ": item count = " + count + " is invalid: must be "
                    + expectedCount + ". The file is not the expected MNIST file. Fix: " + fix);
        }
    }

    private static byte[] body(byte[] bytes, String source, int offset, long needed, String shape, String fix) {
        long have = bytes.length - (long) offset;
        if (have < needed) {
            throw new MnistDataException(source + " is truncated: its header says " + shape + " = " + needed
                    + " data bytes but only " + have + " follow the " + offset + "-byte header. Fix: " + fix);
        }
        if (have > needed) {
            throw new MnistDataException(source + " has " + (have - needed) + " unexpected bytes after the "
                    + needed + " data bytes its header promises (" + shape + "). The file is corrupt. Fix: " + fix);
        }
        return Arrays.copyOfRange(bytes, offset, bytes.length);
    }

    static String hex(int value) {
        return String.format("0x%08X", value);
    }

}
