package org.descentlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;

class CurvePlotTest {

    @TempDir
    Path tmp;

    private static double[] decay(double rate, int n) {
        double[] y = new double[n];
        for (int k = 0; k < n; k++) {
            y[k] = Math.pow(rate, k);
        }
        return y;
    }

    @Test
    void logLossCurvesRenderWithOneSeriesEach() {
        CurvePlot p = new CurvePlot("loss", "step", "loss").logY(true)
                .add("SGD", decay(0.95, 200))
                .add("Adam", decay(0.9, 200))
                .add("Newton", decay(0.5, 200))
                .size(700, 500);
        Pngs.assertPicture(p.toPng(tmp.resolve("curves.png")), 700, 500);
        assertEquals(3, p.seriesCount());
        assertEquals(3, CurvePlotTest.dataSeries(p.chart()));
        assertTrue(p.chart().getStyler().isYAxisLogarithmic());
    }

    @Test
    void nonPositiveValuesAreClippedToTheSmallestPositiveInLogScale() {
        XYChart chart = new CurvePlot().logY(true)
                .add("a", new double[] {1, 0.1, 0.0, -3, 0.01})
                .add("b", new double[] {2, 0.005, 1})
                .chart();
        XYSeries a = chart.getSeriesMap().get("a");
        assertEquals(0.005, a.getYMin(), 0, "0 and -3 sit at the figure's smallest positive value");
        assertEquals(0.005, chart.getSeriesMap().get("b").getYMin(), 0);
    }

    @Test
    void nonFiniteValuesLeaveGapsAndNonFiniteXIsDropped() {
        XYChart chart = new CurvePlot()
                .add("diverged", new double[] {0, 1, 2, Double.NaN, 4}, new double[] {1, 2, Double.POSITIVE_INFINITY, 5, 3})
                .chart();
        XYSeries s = chart.getSeriesMap().get("diverged");
        assertEquals(4, s.getXData().length, "the NaN x is dropped");
        assertTrue(Double.isNaN(s.getYData()[2]), "the infinite y becomes a gap");
        assertEquals(3, s.getYMax(), 0);
    }

    @Test
    void logXDropsNonPositiveSteps() {
        XYSeries s = new CurvePlot().logX(true).add("a", decay(0.5, 5)).chart().getSeriesMap().get("a");
        assertEquals(4, s.getXData().length);
        assertEquals(1, s.getXMin(), 0);
    }

    @Test
    void tableColumnsAndFunctionsAndRegimes() {
        Table t = Table.create("run", IntColumn.create("step", 0, 1, 2, 3), DoubleColumn.create("loss", 4, 2, 1, 0.5));
        CurvePlot p = new CurvePlot().addTable(t, "step", "loss", "from table").addFunction("1/(k+1)", 3, k -> 1.0 / (k + 1));
        assertEquals(2, CurvePlotTest.dataSeries(p.chart()));
        assertEquals(4, p.chart().getSeriesMap().get("from table").getYMax(), 0);

        CurvePlot r = CurvePlot.regimes(30, 0.5, 1.5, 2.1);
        XYChart chart = r.chart();
        assertEquals(3, CurvePlotTest.dataSeries(chart));
        XYSeries oscillating = chart.getSeriesMap().get("\u03b1\u03bb = 1.5");
        assertEquals(-0.5, oscillating.getYData()[1], 1e-15);
        assertEquals(Math.pow(-1.1, 30), chart.getSeriesMap().get("\u03b1\u03bb = 2.1").getYData()[30], 1e-9);
        Pngs.assertPicture(r.toPng(tmp.resolve("regimes.png")), 800, 600);
    }

    /** The chart's data series, without the invisible tick anchor. */
    static long dataSeries(org.knowm.xchart.XYChart chart) {
        return chart.getSeriesMap().keySet().stream().filter(k -> !k.equals(CurvePlot.TICK_ANCHOR)).count();
    }
}
