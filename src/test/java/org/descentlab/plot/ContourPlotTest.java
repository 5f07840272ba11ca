package org.descentlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.analysis.Trajectory;
import org.descentlab.problem.DiagonalQuadratic;
import org.descentlab.problem.Rosenbrock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

class ContourPlotTest {

    @TempDir
    Path tmp;

    /** Gradient descent on 1/2 (x^2 + 10 y^2), computed here without the runner. */
    private static double[][] gd(double lr, int steps) {
        double[][] p = new double[steps + 1][];
        p[0] = new double[] {-1.5, 0.8};
        for (int k = 0; k < steps; k++) {
            p[k + 1] = new double[] {p[k][0] * (1 - lr), p[k][1] * (1 - 10 * lr)};
        }
        return p;
    }

    @Test
    void pngHasTheSizeAndSeriesAsked() {
        ContourPlot p = ContourPlot.of(new DiagonalQuadratic(1, 10), -2, 2, -1, 1)
                .levels(10)
                .addPath("SGD", gd(0.15, 30))
                .addPath("Adam", gd(0.05, 30))
                .size(640, 480);
        Path png = p.toPng(tmp.resolve("sub/contour.png"));
        BufferedImage img = Pngs.assertPicture(png, 640, 480);
        assertEquals(2, p.trajectorySeriesCount());
        assertEquals(10, p.contourSeriesCount(), "every level of a bowl crosses the window");
        XYChart chart = p.chart();
        // contours + paths + one shared start + the optimum
        assertEquals(10 + 2 + 1 + 1, chart.getSeriesMap().size());
        long inLegend = chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).count();
        assertEquals(4, inLegend, "contours stay out of the legend");
        assertTrue(Pngs.pixelsOf(img, 0x0072B2) > 100, "the SGD path is drawn in its palette colour");
        assertTrue(Pngs.pixelsOf(img, 0x56B4E9) > 100, "the Adam path is drawn in its palette colour");
    }

    @Test
    void toImageMatchesTheSizeAndShowsContours() {
        ContourPlot p = new ContourPlot((x, y) -> x * x + y * y, -1, 1, -1, 1);
        BufferedImage img = p.toImage();
        assertEquals(800, img.getWidth());
        assertEquals(600, img.getHeight());
        assertTrue(Pngs.distinctColors(img) > 20);
        assertEquals(0, p.trajectorySeriesCount());
        assertEquals(12, p.contourSeriesCount());
    }

    @Test
    void logLevelsAreGeometricAboveTheGridMinimum() {
        ContourPlot p = ContourPlot.of(new Rosenbrock(), -2, 2, -1, 3).logLevels(true).levels(6).resolution(40);
        double[] levels = p.levels();
        assertEquals(6, levels.length);
        double ratio = levels[1] / levels[0];
        assertTrue(ratio > 5, "log levels grow geometrically, ratio " + ratio);
        for (int k = 1; k < levels.length; k++) {
            assertTrue(levels[k] > levels[k - 1]);
        }
        assertArrayEquals(new double[] {1, 2, 3}, p.levels(3, 1, 2).levels());
    }

    @Test
    void trajectoryAndTableInputsDrawTheSamePath() {
        double[][] path = gd(0.1, 5);
        double[] loss = new double[path.length];
        double[] nan = new double[path.length];
        java.util.Arrays.fill(nan, Double.NaN);
        Trajectory t = new Trajectory("SGD(lr=0.1, momentum=0.0, nesterov=false)", path, loss, nan, nan);
        ContourPlot p = new ContourPlot((x, y) -> x * x + 10 * y * y, -2, 2, -1, 1)
                .addTrajectory(t)
                .addTable(t.toTable(), "w0", "w1", "from table");
        XYChart chart = p.chart();
        XYSeries a = chart.getSeriesMap().get("SGD(lr=0.1)");
        XYSeries b = chart.getSeriesMap().get("from table");
        assertTrue(a != null, "runner label shortened: " + chart.getSeriesMap().keySet());
        assertEquals(a.getXMin(), b.getXMin(), 0);
        assertEquals(a.getYMax(), b.getYMax(), 0);
        assertEquals(2, p.trajectorySeriesCount());
    }

    @Test
    void divergedPathIsCutAndSaysSo() {
        double[][] path = {{1, 1}, {-3, 3}, {1e6, -1e6}, {Double.POSITIVE_INFINITY, 1}, {Double.NaN, Double.NaN}};
        ContourPlot p = new ContourPlot((x, y) -> x * x + y * y, -2, 2, -2, 2).addPath("SGD", path);
        XYChart chart = p.chart();
        XYSeries s = chart.getSeriesMap().get("SGD [diverged at step 3]");
        assertTrue(s != null, chart.getSeriesMap().keySet().toString());
        assertTrue(s.getXMax() <= 2 + ContourPlot.FAR * 4 + 1e-9, "clipped to the far box: " + s.getXMax());
        assertTrue(s.getXMax() > 2, "but still leaving the window");
        Pngs.assertPicture(p.toPng(tmp.resolve("diverged.png")), 800, 600);
    }

    @Test
    void duplicateLabelsGetNumbered() {
        ContourPlot p = new ContourPlot((x, y) -> x * x + y * y, -1, 1, -1, 1)
                .addPath("Adam", new double[][] {{0.5, 0.5}, {0, 0}})
                .addPath("Adam", new double[][] {{-0.5, 0.5}, {0, 0}});
        XYChart chart = p.chart();
        assertTrue(chart.getSeriesMap().containsKey("Adam"));
        assertTrue(chart.getSeriesMap().containsKey("Adam (2)"));
        assertEquals(2, chart.getSeriesMap().get("start").getXData().length, "two distinct starts in one series");
        assertFalse(chart.getSeriesMap().containsKey("optimum"), "no optimum unless told");
    }
}
