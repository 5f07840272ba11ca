package org.descentlab.plot;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.analysis.Trajectory;
import org.descentlab.problem.DiagonalQuadratic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

import java.util.List;

/** Every misuse fails early with an IllegalArgumentException whose message names what is wrong. */
class BadInputTest {

    private static void fails(String mentions, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(mentions), "message should mention '" + mentions + "': " + e.getMessage());
    }

    private static ContourPlot bowl() {
        return new ContourPlot((x, y) -> x * x + y * y, -1, 1, -1, 1);
    }

    @Test
    void emptySeries() {
        fails("is empty", () -> new CurvePlot().add("SGD", new double[0]));
        fails("is empty", () -> bowl().addPath("SGD", new double[0][]));
        fails("is empty", () -> new BarPlot("", "", "").add("memory", List.of(), new double[0]));
        fails("no series", () -> new CurvePlot().chart());
        fails("no series", () -> new BarPlot("", "", "").toImage());
        fails("label", () -> new CurvePlot().add(" ", new double[] {1}));
        fails("differ in length", () -> new CurvePlot().add("a", new double[] {1, 2}, new double[] {1}));
    }

    @Test
    void nanInAPathOrCurve() {
        fails("starts at a non-finite point", () -> bowl().addPath("SGD", new double[][] {{Double.NaN, 0}, {0, 0}}));
        fails("must have 2 coordinates", () -> bowl().addPath("SGD", new double[][] {{0, 0}, {1, 2, 3}}));
        fails("has no point to draw", () -> new CurvePlot().add("SGD", new double[] {Double.NaN, Double.NaN}).chart());
        fails("diverged", () -> new BarPlot("", "", "").add("diverged", List.of("a"), new double[] {Double.NaN}).chart());
    }

    @Test
    void badSizes() {
        fails("width = 0", () -> new CurvePlot().size(0, 600));
        fails("height = -5", () -> bowl().size(800, -5));
        fails("width = 99", () -> new BarPlot("", "", "").size(99, 600));
    }

    @Test
    void badWindows() {
        fails("xMin = 1.0 is invalid: must be < xMax = 1.0",
                () -> new ContourPlot((x, y) -> x, 1, 1, 0, 1));
        fails("yMin = 2.0", () -> new ContourPlot((x, y) -> x, 0, 1, 2, -1));
        fails("xMin = NaN", () -> new ContourPlot((x, y) -> x, Double.NaN, 1, 0, 1));
        fails("dimension 3", () -> ContourPlot.of(new DiagonalQuadratic(1, 2, 3), -1, 1, -1, 1));
        double[][] w3 = {{1, 2, 3}};
        double[] one = {0};
        fails("needs 2", () -> bowl().addTrajectory(new Trajectory("SGD", w3, one, one, one)));
        fails("count = 0", () -> bowl().levels(0));
        fails("levels[1]", () -> bowl().levels(1, Double.POSITIVE_INFINITY));
        fails("cells = 1", () -> bowl().resolution(1));
    }

    @Test
    void logScaleWithoutPositiveValues() {
        fails("logY", () -> new CurvePlot().logY(true).add("a", new double[] {0, -1, -2}).chart());
        fails("logY", () -> new CurvePlot().logY(true).add("a", new double[] {0, -1}).add("b", new double[] {Double.NaN}).toImage());
        fails("has no point to draw", () -> new CurvePlot().logX(true).add("a", new double[] {5}).chart());
    }

    @Test
    void tablesWithoutTheColumn() {
        Table t = Table.create("run", DoubleColumn.create("loss", 1, 2));
        fails("no column 'step'", () -> new CurvePlot().addTable(t, "step", "loss", "a"));
        fails("no column 'w0'", () -> bowl().addTable(t, "w0", "w1", "a"));
        fails("no column 'acc'", () -> new BarPlot("", "", "").addTable(t, "loss", "acc", "a"));
        fails("steps = 0", () -> SchedulePlot.of(0, k -> 0.1));
        fails("schedules[1]", () -> SchedulePlot.of(5, k -> 0.1, null));
    }
}
