package org.descentlab.experiment;

import org.descentlab.plot.CurvePlot;
import org.descentlab.train.EpochMetrics;
import org.descentlab.train.TrainingResult;
import org.descentlab.util.AtomicFiles;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

/**
 * The curves of training runs as one PNG of three panels: mean minibatch training loss, accuracies
 * (train on the fixed subset, validation, and test when measured per epoch), and the learning rate
 * (log scale) against the epoch. With several runs each panel overlays them.
 */
public final class RunFigure {

    private static final int W = 520;
    private static final int H = 380;

    private RunFigure() {}

    /** Writes the three-panel figure of {@code runs} to {@code file}. */
    public static Path write(List<TrainingResult> runs, String title, Path file) {
        BufferedImage image = render(runs, title);
        return AtomicFiles.write(file, tmp -> ImageIO.write(image, "png", tmp.toFile()));
    }

    /** The three panels side by side. */
    public static BufferedImage render(List<TrainingResult> runs, String title) {
        boolean several = runs.size() > 1;
        CurvePlot loss = new CurvePlot(title + ": training loss", "epoch", "mean minibatch loss").size(W, H);
        CurvePlot acc = new CurvePlot(title + ": accuracy", "epoch", "accuracy (%)").size(W, H);
        CurvePlot lr = new CurvePlot(title + ": learning rate", "epoch", "lr").size(W, H).logY(true).stairs(true);
        for (TrainingResult r : runs) {
            String p = several ? r.config().name() + " " : "";
            List<EpochMetrics> m = r.epochs();
            double[] x = column(m, EpochMetrics::epoch);
            loss.add(p + "train loss", x, column(m, EpochMetrics::trainLoss));
            acc.add(p + "train (fixed subset)", x, column(m, EpochMetrics::trainAccuracy));
            acc.add(p + "validation", x, column(m, EpochMetrics::validationAccuracy));
            if (m.stream().anyMatch(e -> !Double.isNaN(e.testAccuracy()))) {
                acc.add(p + "test", x, column(m, EpochMetrics::testAccuracy));
            }
            lr.add(p + "lr", x, column(m, EpochMetrics::lr));
        }
        BufferedImage out = new BufferedImage(3 * W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.drawImage(loss.toImage(), 0, 0, null);
        g.drawImage(acc.toImage(), W, 0, null);
        g.drawImage(lr.toImage(), 2 * W, 0, null);
        g.dispose();
        return out;
    }

    private static double[] column(List<EpochMetrics> rows, ToDoubleFunction<EpochMetrics> f) {
        return rows.stream().mapToDouble(f).toArray();
    }
}
