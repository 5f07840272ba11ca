package org.descentlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import java.awt.Color;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

class PaletteTest {

    @Test
    void knownNamesHavePairwiseDistinctColours() {
        List<String> names = Palette.knownNames();
        assertEquals(15, names.size());
        Set<Color> colors = new HashSet<>();
        for (String n : names) {
            colors.add(Palette.color(n));
        }
        assertEquals(names.size(), colors.size());
    }

    @Test
    void firstTenSeriesOfAFigureAreDistinctEvenForUnknownNames() {
        List<String> labels = List.of("SGD", "Adam", "mystery", "run 1", "run 2", "run 3", "run 4", "run 5",
                "RMSprop", "other");
        assertEquals(10, new HashSet<>(Palette.colors(labels)).size());
    }

    @Test
    void spellingsAndRunnerLabelsShareAColour() {
        assertEquals(Palette.color("AdaGrad"), Palette.color("Adagrad"));
        assertEquals(Palette.color("RMSProp"), Palette.color("RMSprop"));
        assertEquals(Palette.color("Adam"), Palette.color("Adam(lr=0.001, betas=(0.9, 0.999))"));
        assertEquals(Palette.color("SGD+momentum"), Palette.color("HeavyBall"));
        assertEquals(Palette.color("SGD+momentum"),
                Palette.color("SGD(lr=0.1, momentum=0.9, dampening=0.0, weight_decay=0.0, nesterov=false)"));
        assertEquals(Palette.color("Nesterov"),
                Palette.color("SGD(lr=0.1, momentum=0.9, dampening=0.0, weight_decay=0.0, nesterov=true)"));
        assertEquals(Palette.color("SGD"),
                Palette.color("SGD(lr=0.1, momentum=0.0, dampening=0.0, weight_decay=0.0, nesterov=false)"));
        assertNotEquals(Palette.color("Adam"), Palette.color("AdamW"));
        assertEquals(Palette.color("some new optimizer"), Palette.color("some new optimizer"));
        assertEquals("#0072B2", Palette.hex(Palette.color("sgd")));
    }

    @Test
    void sameNameSameColourInTwoFigures() {
        XYChart a = new CurvePlot().add("Adam", new double[] {3, 2, 1}).add("SGD", new double[] {3, 2.5, 2}).chart();
        XYChart b = new CurvePlot().add("lonely", new double[] {1, 2}).add("Adam", new double[] {2, 1}).chart();
        assertEquals(a.getSeriesMap().get("Adam").getLineColor(), b.getSeriesMap().get("Adam").getLineColor());
        ContourPlot c = new ContourPlot((x, y) -> x * x + y * y, -1, 1, -1, 1)
                .addPath("Adam", new double[][] {{1, 1}, {0, 0}});
        assertEquals(Palette.color("Adam"), c.chart().getSeriesMap().get("Adam").getLineColor());
        assertTrue(Palette.isKnown("adam"));
    }
}
