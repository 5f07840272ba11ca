package org.descentlab.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Test helper: writes small, valid IDX files (and gzip and tar.gz archives of them). */
final class IdxFiles {

    private IdxFiles() {}

    /** Pixel value of image i at (r, c) in the synthetic sets: distinct per image, covers 0 and 255. */
    static int pixel(int i, int r, int c) {
        return (i * 31 + r * 7 + c * 3) % 256;
    }

    /** Label of image i in the synthetic sets. */
    static int label(int i) {
        return (i * 7 + 3) % 10;
    }

    static byte[] imagesIdx(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    b.put((byte) pixel(i, r, c));
                }
            }
        }
        return b.array();
    }

    static byte[] labelsIdx(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) label(i));
        }
        return b.array();
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    /** The bytes of the four synthetic files: train and test with the given counts, 28x28. */
    static Map<MnistFile, byte[]> syntheticFiles(int trainCount, int testCount) {
        Map<MnistFile, byte[]> m = new EnumMap<>(MnistFile.class);
        m.put(MnistFile.TRAIN_IMAGES, imagesIdx(trainCount, 28, 28));
        m.put(MnistFile.TRAIN_LABELS, labelsIdx(trainCount));
        m.put(MnistFile.TEST_IMAGES, imagesIdx(testCount, 28, 28));
        m.put(MnistFile.TEST_LABELS, labelsIdx(testCount));
        return m;
    }

    /** An expected-hash table for the given file contents (counts as given). */
    static Map<MnistFile, MnistCache.Expected> expectedFor(Map<MnistFile, byte[]> files, int trainCount,
            int testCount) {
        Map<MnistFile, MnistCache.Expected> m = new EnumMap<>(MnistFile.class);
        files.forEach((f, bytes) -> m.put(f, new MnistCache.Expected(Checksums.sha256(bytes), bytes.length,
                f.name().startsWith("TRAIN") ? trainCount : testCount)));
        return m;
    }

    /** A cache directory filled with synthetic files, and a cache object that expects exactly those. */
    static MnistCache syntheticCache(Path dir, int trainCount, int testCount) throws IOException {
        Map<MnistFile, byte[]> files = syntheticFiles(trainCount, testCount);
        for (Map.Entry<MnistFile, byte[]> e : files.entrySet()) {
            write(dir.resolve(e.getKey().fileName()), e.getValue());
        }
        return MnistCache.at(dir, expectedFor(files, trainCount, testCount));
    }

    /** Writes a gzip'd ustar archive with the given regular files (name -> bytes), in order. */
    static Path tgz(Path out, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(out.getParent());
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(out))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                gz.write(tarHeader(e.getKey(), e.getValue().length, '0'));
                gz.write(e.getValue());
                gz.write(new byte[(512 - e.getValue().length % 512) % 512]);
            }
            gz.write(new byte[1024]);
        }
        return out;
    }

    static byte[] tarHeader(String name, long size, char type) {
        byte[] h = new byte[512];
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(n, 0, h, 0, Math.min(100, n.length));
        putOctal(h, 100, 8, 0644);
        putOctal(h, 108, 8, 0);
        putOctal(h, 116, 8, 0);
        putOctal(h, 124, 12, size);
        putOctal(h, 136, 12, 0);
        h[156] = (byte) type;
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        putOctal(h, 148, 7, sum);
        return h;
    }

    private static void putOctal(byte[] h, int offset, int length, long value) {
        String s = String.format("%0" + (length - 1) + "o", value);
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, offset, length - 1);
        h[offset + length - 1] = 0;
    }
}
