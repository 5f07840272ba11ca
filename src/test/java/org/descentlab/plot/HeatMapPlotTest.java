package org.descentlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.HeatMapChart;

import java.nio.file.Path;
import java.util.List;

class HeatMapPlotTest {

    @TempDir
    Path tmp;

    private static HeatMapPlot grid() {
        return new HeatMapPlot("loss", "lr", "weight decay", List.of("0.01", "0.1", "1"), List.of("0", "0.1"),
                new double[][] {{1.0, 0.5, 2.0}, {0.9, 0.4, 3.0}});
    }

    @Test
    void rendersOneCellPerValueWithItsCoordinates() {
        HeatMapPlot p = grid().size(500, 400);
        Pngs.assertPicture(p.toPng(tmp.resolve("heat.png")), 500, 400);
        HeatMapChart chart = p.chart();
        var series = chart.getHeatMapSeries();
        assertEquals(List.of("0.01", "0.1", "1"), series.getXData());
        assertEquals(List.of("0", "0.1"), series.getYData());
        assertEquals(6, series.getHeatData().size());
        // Row 1 (y "0.1"), column 2 (x "1") holds 3.0.
        boolean found = false;
        for (Number[] c : series.getHeatData()) {
            found |= c[0].intValue() == 2 && c[1].intValue() == 1 && c[2].doubleValue() == 3.0;
        }
        assertTrue(found);
        assertEquals(0.4, p.value(1, 1), 0.0);
        assertEquals(0.4, chart.getStyler().getMin(), 0.0);
        assertEquals(3.0, chart.getStyler().getMax(), 0.0);
    }

    @Test
    void sharedRangeSetsTheColourScale() {
        HeatMapChart chart = grid().range(0, 5).chart();
        assertEquals(0.0, chart.getStyler().getMin(), 0.0);
        assertEquals(5.0, chart.getStyler().getMax(), 0.0);
    }

    @Test
    void badInputNamesTheProblem() {
        var e = assertThrows(IllegalArgumentException.class, () -> new HeatMapPlot("t", "x", "y", List.of("a"), List.of("b"),
                new double[][] {{Double.NaN}}));
        assertTrue(e.getMessage().contains("values[0][0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new HeatMapPlot("t", "x", "y", List.of("a", "b"), List.of("c"),
                new double[][] {{1}}));
        assertTrue(e.getMessage().contains("values[0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> grid().range(1, 0));
        assertTrue(e.getMessage().contains("min < max"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> grid().range(0, 2).chart());
        assertTrue(e.getMessage().contains("outside the range"), e.getMessage());
    }
}
