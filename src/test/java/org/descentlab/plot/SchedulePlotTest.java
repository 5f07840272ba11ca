package org.descentlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.schedule.Schedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.nio.file.Path;

class SchedulePlotTest {

    @TempDir
    Path tmp;

    /** A named exponential decay, as a schedule class of the library would be. */
    private record Exponential(double lr, double gamma) implements Schedule {
        public double valueAt(long step) {
            return lr * Math.pow(gamma, Schedule.checkStep(step));
        }

        public String describe() {
            return "ExponentialLR(gamma=" + gamma + ")";
        }
    }

    @Test
    void eachScheduleIsAStaircaseLabelledByItsDescription() {
        CurvePlot p = SchedulePlot.of(20, new Exponential(0.1, 0.9), new Exponential(0.1, 0.5), k -> 0.05);
        XYChart chart = p.chart();
        assertEquals(3, CurvePlotTest.dataSeries(chart));
        XYSeries s = chart.getSeriesMap().get("ExponentialLR(gamma=0.9)");
        assertEquals(21, s.getXData().length, "steps 0..20");
        assertEquals(0.1 * Math.pow(0.9, 20), s.getYData()[20], 1e-15);
        assertEquals(XYSeries.XYSeriesRenderStyle.Step, s.getXYSeriesRenderStyle());
        assertTrue(chart.getSeriesMap().containsKey("schedule 3"), "a lambda gets a readable name");
        Pngs.assertPicture(p.logY(true).toPng(tmp.resolve("schedules.png")), 800, 600);
    }
}
