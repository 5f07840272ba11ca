package org.descentlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;

/** Figures render with no display, and the machine has a font to write titles and ticks with. */
class HeadlessTest {

    @Test
    void rendersHeadlessWithRealText() {
        BufferedImage img = new CurvePlot("A title that must be drawn", "step", "loss")
                .add("SGD", new double[] {3, 2, 1})
                .toImage();
        assertEquals("true", System.getProperty("java.awt.headless"));
        assertTrue(GraphicsEnvironment.isHeadless(), "AWT runs headless");
        assertTrue(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames().length > 0,
                "no font installed: install e.g. the Debian package fonts-dejavu-core");
        // the title is drawn in near-black at the top of the image: some dark pixels must be there
        int dark = 0;
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                if (((rgb >> 16) & 0xFF) < 80 && ((rgb >> 8) & 0xFF) < 80 && (rgb & 0xFF) < 80) {
                    dark++;
                }
            }
        }
        assertTrue(dark > 200, "title text drawn: " + dark + " dark pixels");
    }
}
