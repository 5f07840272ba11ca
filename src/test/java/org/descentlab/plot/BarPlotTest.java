package org.descentlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

class BarPlotTest {

    @TempDir
    Path tmp;

    @Test
    void singleSeriesOfOptimizerMemory() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("SGD", 0.0);
        m.put("Adam", 2.0);
        m.put("AdaBelief", 2.0);
        BarPlot p = new BarPlot("state", "optimizer", "tensors").add("memory", m).size(500, 400);
        Pngs.assertPicture(p.toPng(tmp.resolve("bars.png")), 500, 400);
        assertEquals(1, p.seriesCount());
        assertEquals(1, p.chart().getSeriesMap().size());
        assertEquals(List.of("SGD", "Adam", "AdaBelief"), p.categories());
    }

    @Test
    void groupedBarsFromTablesWithAMissingValue() {
        Table deck = Table.create("deck", IntColumn.create("lecture", 3, 4, 5), DoubleColumn.create("acc", 91, 97, 98));
        Table ours = Table.create("ours", IntColumn.create("lecture", 3, 5), DoubleColumn.create("acc", 90.5, 97.9));
        BarPlot p = new BarPlot("accuracy", "lecture", "%")
                .addTable(deck, "lecture", "acc", "deck")
                .addTable(ours, "lecture", "acc", "reproduced");
        CategoryChart chart = p.chart();
        assertEquals(2, chart.getSeriesMap().size());
        assertEquals(List.of("3", "4", "5"), p.categories());
        CategorySeries s = chart.getSeriesMap().get("reproduced");
        List<Number> y = new ArrayList<>();
        s.getYData().forEach(y::add);
        assertNull(y.get(1), "lecture 4 has no reproduced bar");
        Pngs.assertPicture(p.toPng(tmp.resolve("grouped.png")), 800, 600);
    }
}
