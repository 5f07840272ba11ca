package org.descentlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class MnistDataTest {

    /** n synthetic 28x28 images as MnistData (pixels and labels from {@link IdxFiles}). */
    static MnistData synthetic(int n) {
        byte[] idx = IdxFiles.imagesIdx(n, 28, 28);
        byte[] pixels = new byte[n * 784];
        ByteBuffer.wrap(idx, 16, pixels.length).get(pixels);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) IdxFiles.label(i);
        }
        return new MnistData(pixels, labels, n, 28, 28);
    }

    private static void assertMentions(Throwable e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message should mention '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void lectureSplitIs54000And6000() {
        MnistData full = new MnistData(new byte[60000 * 784], new byte[60000], 60000, 28, 28);
        MnistData.Split s = full.split();
        assertEquals(54000, s.train().count());
        assertEquals(6000, s.validation().count());
        MnistSplits splits = MnistSplits.of(full, new MnistData(new byte[10000 * 784], new byte[10000], 10000, 28, 28));
        assertEquals(54000, splits.train().count());
        assertEquals(6000, splits.validation().count());
        assertEquals(10000, splits.test().count());
        MnistSplits quick = splits.head(1000, 200, 300);
        assertEquals(1000, quick.train().count());
        assertEquals(200, quick.validation().count());
        assertEquals(300, quick.test().count());
    }

    @Test
    void validationIsTheTailOfTheTrainingSet() {
        MnistData d = synthetic(20);
        MnistData.Split s = d.split(6);
        assertEquals(14, s.train().count());
        assertEquals(6, s.validation().count());
        assertEquals(d.label(14), s.validation().label(0));
        assertEquals(d.pixel(19, 10, 11), s.validation().pixel(5, 10, 11));
        assertEquals(d.pixel(13, 27, 0), s.train().pixel(13, 27, 0));
        assertThrows(IllegalArgumentException.class, () -> d.split(21));
        assertMentions(assertThrows(IllegalArgumentException.class, () -> d.split(-1)), "validationCount = -1", "[0, 20]");
    }

    @Test
    void headAndSliceCopyTheRightImages() {
        MnistData d = synthetic(10);
        MnistData h = d.head(3);
        assertEquals(3, h.count());
        assertEquals(3 * 784, h.images().length);
        assertArrayEquals(new byte[] {d.labels()[0], d.labels()[1], d.labels()[2]}, h.labels());
        assertEquals(d.pixel(2, 5, 5), h.pixel(2, 5, 5));
        assertEquals(0, d.subset(0).count());
        MnistData s = d.slice(4, 7);
        assertEquals(d.label(4), s.label(0));
        assertEquals(d.pixel(6, 1, 2), s.pixel(2, 1, 2));
    }

    @Test
    void badArgumentsAreClearErrors() {
        MnistData d = synthetic(10);
        assertMentions(assertThrows(IllegalArgumentException.class, () -> d.head(-1)), "head n = -1",
                "[0, 10]");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> d.subset(11)), "head n = 11");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> d.slice(5, 3)), "[5, 3)");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> d.label(10)), "image index = 10",
                "[0, 9]");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> d.pixel(0, 28, 0)), "(28, 0)");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new MnistData(new byte[783], new byte[1], 1, 28, 28)), "images.length = 783", "784");
        assertMentions(assertThrows(IllegalArgumentException.class,
                () -> new MnistData(new byte[784], new byte[2], 1, 28, 28)), "labels.length = 2");
        assertMentions(assertThrows(IllegalArgumentException.class, () -> d.batchCount(0)), "batch size = 0",
                "[1, 10]");
    }

    @Test
    void batchCountDropsTheIncompleteBatch() {
        MnistData d = synthetic(10);
        assertEquals(3, d.batchCount(3));
        assertEquals(1, d.batchCount(10));
        assertEquals(10, d.batchCount(1));
        assertEquals(421, new MnistData(new byte[54000 * 784], new byte[54000], 54000, 28, 28).batchCount(128));
    }
}
