package org.descentlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Reads rendered PNGs back and checks they hold a picture. */
final class Pngs {

    private Pngs() {}

    static BufferedImage read(Path file) {
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            assertTrue(img != null, "ImageIO could not decode " + file);
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int distinctColors(BufferedImage img) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                colors.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colors.size();
    }

    /** The number of pixels with exactly this colour (0xRRGGBB). */
    static int pixelsOf(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The fraction of pixels that are not white. */
    static double inkFraction(BufferedImage img) {
        return 1.0 - (double) pixelsOf(img, 0xFFFFFF) / ((long) img.getWidth() * img.getHeight());
    }

    /** Asserts size and that the picture is not blank. */
    static BufferedImage assertPicture(Path file, int width, int height) {
        BufferedImage img = read(file);
        assertEquals(width, img.getWidth(), "width of " + file);
        assertEquals(height, img.getHeight(), "height of " + file);
        int colors = distinctColors(img);
        assertTrue(colors > 20, "only " + colors + " distinct colours in " + file);
        double ink = inkFraction(img);
        assertTrue(ink > 0.01, "only " + ink + " of the pixels are not white in " + file);
        return img;
    }
}
