package org.descentlab.plot;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What every figure of this package can do: build its XChart chart and render it, offline and
 * without a display, to a {@link BufferedImage} (which the JJava kernel shows inline) or to a PNG
 * file. Rendering needs fonts only; on Debian the JDK uses the system's, so a machine needs at least
 * one TrueType font installed (package {@code fonts-dejavu-core} provides DejaVu Sans).
 */
public interface Figure {

    /** The width of the rendered image in pixels. */
    int width();

    /** The height of the rendered image in pixels. */
    int height();

    /**
     * A new XChart chart showing the figure's current data and settings; each call builds a fresh
     * one, so later changes to the figure do not reach charts built before them.
     *
     * @throws IllegalArgumentException if the data cannot be drawn as asked (message names why)
     */
    Chart<?, ?> chart();

    /** Renders the figure into a new {@code width x height} RGB image. */
    default BufferedImage toImage() {
        Headless.ensure();
        return BitmapEncoder.getBufferedImage(chart());
    }

    /**
     * Writes the figure as a PNG file of {@code width x height} pixels, creating missing parent
     * directories.
     *
     * @return {@code file}
     */
    default Path toPng(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        Headless.ensure();
        Chart<?, ?> chart = chart();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the PNG " + file, e);
        }
        return file;
    }

    /** The PNG bytes of the figure, e.g. to embed in a report. */
    default byte[] toPngBytes() {
        Headless.ensure();
        try {
            return BitmapEncoder.getBitmapBytes(chart(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
