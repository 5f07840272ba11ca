package org.descentlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path tmp;

    private static void assertMentions(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void roundTripImagesAndLabels() throws Exception {
        Path images = IdxFiles.write(tmp.resolve("imgs"), IdxFiles.imagesIdx(5, 28, 28));
        Path labels = IdxFiles.write(tmp.resolve("lbls"), IdxFiles.labelsIdx(5));

        IdxReader.Images im = IdxReader.readImages(images, 5);
        assertEquals(5, im.count());
        assertEquals(28, im.rows());
        assertEquals(28, im.cols());
        assertEquals(5 * 784, im.pixels().length);
        for (int i = 0; i < 5; i++) {
            for (int r = 0; r < 28; r += 9) {
                for (int c = 0; c < 28; c += 5) {
                    assertEquals(IdxFiles.pixel(i, r, c), im.pixels()[i * 784 + r * 28 + c] & 0xff);
                }
            }
        }
        byte[] l = IdxReader.readLabels(labels, IdxReader.ANY_COUNT);
        assertEquals(5, l.length);
        for (int i = 0; i < 5; i++) {
            assertEquals(IdxFiles.label(i), l[i]);
        }
    }

    @Test
    void nonSquareImagesKeepTheirShape() throws Exception {
        Path images = IdxFiles.write(tmp.resolve("imgs"), IdxFiles.imagesIdx(3, 2, 5));
        IdxReader.Images im = IdxReader.readImages(images, 3);
        assertEquals(2, im.rows());
        assertEquals(5, im.cols());
        assertEquals(IdxFiles.pixel(2, 1, 4), im.pixels()[2 * 10 + 1 * 5 + 4] & 0xff);
    }

    @Test
    void gzipCopiesReadTheSame() throws Exception {
        byte[] raw = IdxFiles.imagesIdx(4, 28, 28);
        Path plain = IdxFiles.write(tmp.resolve("a"), raw);
        Path gz = IdxFiles.write(tmp.resolve("a.gz"), IdxFiles.gzip(raw));
        assertArrayEquals(IdxReader.readImages(plain, 4).pixels(), IdxReader.readImages(gz, 4).pixels());
        Path lgz = IdxFiles.write(tmp.resolve("l.gz"), IdxFiles.gzip(IdxFiles.labelsIdx(4)));
        assertEquals(4, IdxReader.readLabels(lgz, 4).length);
    }

    @Test
    void truncatedGzipIsAnErrorNamingTheFile() throws Exception {
        byte[] gz = IdxFiles.gzip(IdxFiles.imagesIdx(4, 28, 28));
        Path file = IdxFiles.write(tmp.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        MnistDataException e = assertThrows(MnistDataException.class, () -> IdxReader.readImages(file, 4));
        assertMentions(e, file.toString(), "gzip", "Fix:");
    }

    @Test
    void wrongMagicIsAnError() throws Exception {
        Path labels = IdxFiles.write(tmp.resolve("train-labels-idx1-ubyte"), IdxFiles.labelsIdx(5));
        MnistDataException e = assertThrows(MnistDataException.class, () -> IdxReader.readImages(labels, 5));
        assertMentions(e, labels.toString(), "magic number = 0x00000801", "must be 0x00000803", "Fix:");

        Path images = IdxFiles.write(tmp.resolve("imgs"), IdxFiles.imagesIdx(5, 28, 28));
        e = assertThrows(MnistDataException.class, () -> IdxReader.readLabels(images, 5));
        assertMentions(e, images.toString(), "0x00000803", "must be 0x00000801");
    }

    @Test
    void wrongCountIsAnError() throws Exception {
        Path images = IdxFiles.write(tmp.resolve("imgs"), IdxFiles.imagesIdx(5, 28, 28));
        MnistDataException e = assertThrows(MnistDataException.class, () -> IdxReader.readImages(images, 60000));
        assertMentions(e, images.toString(), "item count = 5", "must be 60000");
        Path labels = IdxFiles.write(tmp.resolve("lbls"), IdxFiles.labelsIdx(5));
        e = assertThrows(MnistDataException.class, () -> IdxReader.readLabels(labels, 10000));
        assertMentions(e, labels.toString(), "item count = 5", "must be 10000");
    }

    @Test
    void truncatedDataIsAnError() throws Exception {
        byte[] full = IdxFiles.imagesIdx(5, 28, 28);
        Path cut = IdxFiles.write(tmp.resolve("cut"), Arrays.copyOf(full, full.length - 100));
        MnistDataException e = assertThrows(MnistDataException.class, () -> IdxReader.readImages(cut, 5));
        assertMentions(e, cut.toString(), "truncated", "5 x 28 x 28 = 3920", "only 3820");

        Path header = IdxFiles.write(tmp.resolve("header"), Arrays.copyOf(full, 10));
        e = assertThrows(MnistDataException.class, () -> IdxReader.readImages(header, 5));
        assertMentions(e, header.toString(), "truncated", "16-byte IDX header");

        Path tiny = IdxFiles.write(tmp.resolve("tiny"), new byte[] {0, 0});
        e = assertThrows(MnistDataException.class, () -> IdxReader.readLabels(tiny, 5));
        assertMentions(e, tiny.toString(), "truncated");
    }

    @Test
    void trailingBytesAreAnError() throws Exception {
        byte[] full = IdxFiles.labelsIdx(5);
        Path longer = IdxFiles.write(tmp.resolve("long"), Arrays.copyOf(full, full.length + 3));
        MnistDataException e = assertThrows(MnistDataException.class, () -> IdxReader.readLabels(longer, 5));
        assertMentions(e, longer.toString(), "3 unexpected bytes");
    }

    @Test
    void zeroSizedImagesAreAnError() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16).putInt(IdxReader.IMAGES_MAGIC).putInt(2).putInt(0).putInt(28);
        Path file = IdxFiles.write(tmp.resolve("zero"), b.array());
        MnistDataException e = assertThrows(MnistDataException.class, () -> IdxReader.readImages(file, 2));
        assertMentions(e, file.toString(), "image size = 0 x 28");
    }

    @Test
    void missingFileIsAnErrorNamingIt() {
        Path missing = tmp.resolve("nope-idx3-ubyte");
        MnistDataException e = assertThrows(MnistDataException.class, () -> IdxReader.readImages(missing, 5));
        assertMentions(e, missing.toString(), "is missing", "bin/fetch-mnist");
    }
}
