package org.descentlab.notebook;

import org.descentlab.experiment.Experiments;
import org.descentlab.plot.CurvePlot;
import org.descentlab.train.EpochMetrics;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingResult;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveTrainingTest {

    /** A display on a fake clock: drawing a chart costs {@code chartNanos}, a line {@code lineNanos}. */
    private static final class Recorder implements NotebookDisplay {
        final long[] now = {0};
        final long chartNanos;
        final long lineNanos;
        final Map<String, Object> outputs = new LinkedHashMap<>();
        int lineUpdates;
        int chartUpdates;

        Recorder(long lineNanos, long chartNanos) {
            this.lineNanos = lineNanos;
            this.chartNanos = chartNanos;
        }

        @Override
        public String show(Object value) {
            String id = "out" + outputs.size();
            outputs.put(id, value);
            count(value);
            return id;
        }

        @Override
        public void update(String id, Object value) {
            assertTrue(outputs.containsKey(id), "update of an output never shown: " + id);
            outputs.put(id, value);
            count(value);
        }

        private void count(Object value) {
            if (value instanceof CurvePlot) {
                now[0] += chartNanos;
                chartUpdates++;
            } else {
                now[0] += lineNanos;
                lineUpdates++;
            }
        }
    }

    private static final long MS = 1_000_000L;

    /** Runs {@code epochs} epochs of {@code batches} steps of {@code stepMs} through the listener. */
    private static LiveTraining run(Recorder d, int epochs, int batches, long stepMs) {
        TrainingConfig config = Experiments.get("adam").configs(true, epochs).get(0);
        LiveTraining live = new LiveTraining(d, () -> d.now[0]);
        live.onStart(config, 1);
        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            for (int b = 1; b <= batches; b++) {
                d.now[0] += stepMs * MS;
                live.onStep(e, b, batches, 1.0 / (e + b / (double) batches));
            }
            EpochMetrics m = new EpochMetrics(e, 256, 1.0 / e, 0.9 / e, 80 + e, 79 + e, Double.NaN, 0.005,
                    batches * stepMs / 1000.0, (long) e * batches);
            rows.add(m);
            live.onEpoch(m);
        }
        live.onEnd(new TrainingResult(config, rows, 90, d.now[0] / 1e9, "cpu()", 1, new byte[0],
                org.descentlab.optim.Sgd.builder().lr(0.1).build().state(), List.of()));
        return live;
    }

    @Test
    void oneLineAndOneChartAreReplacedInPlaceAndEndAsSummaryAndFinalChart() {
        Recorder d = new Recorder(MS, 50 * MS);
        run(d, 3, 2000, 10); // 20 s epochs
        assertEquals(2, d.outputs.size(), "one line and one chart");
        Object[] out = d.outputs.values().toArray();
        assertInstanceOf(Table.class, out[0]);
        assertEquals("training run adam", ((Table) out[0]).name());
        CurvePlot chart = assertInstanceOf(CurvePlot.class, out[1]);
        assertEquals(3, chart.seriesCount(), "running loss, epoch loss, validation error");
        // the line at most once a second (60 s run) plus start, epoch ends and the summary
        assertTrue(d.lineUpdates <= 60 + 1 + 3 + 1, "line updates " + d.lineUpdates);
        assertTrue(d.lineUpdates >= 50, "line updates " + d.lineUpdates);
        // charts: every 10 s within epochs and at each epoch end, plus the final one
        assertTrue(d.chartUpdates >= 6 && d.chartUpdates <= 10, "chart updates " + d.chartUpdates);
    }

    @Test
    void expensiveChartsAreSkippedToStayWithinTheBudget() {
        Recorder d = new Recorder(20 * MS, 400 * MS); // a line 2 % of a second, a chart 2 % of a 20 s epoch
        LiveTraining live = run(d, 5, 2000, 10);
        double elapsed = d.now[0] / 1e9;
        // all but the final chart fit in BUDGET of the run, and the last chart allowed may overshoot it
        // by one chart; the final one is always drawn
        assertTrue(live.overheadSeconds() <= 2 * LiveTraining.BUDGET * elapsed + 2 * 0.4,
                live.overheadSeconds() + " s of " + elapsed + " s");
        assertTrue(d.chartUpdates >= 2 && d.chartUpdates < 5, "chart updates " + d.chartUpdates);
        // BUDGET of ~100 s at 20 ms a line: 25 lines, instead of one a second (100), plus start, epoch ends, end
        assertTrue(d.lineUpdates <= 25 + 1 + 5 + 1, "lines slowed to stay within the budget: " + d.lineUpdates);
    }

    @Test
    void theEndRedrawsTheChartOnlyIfItChangedSinceTheLastOneDrawn() {
        Recorder cheap = new Recorder(MS, MS);
        LiveTraining drawn = run(cheap, 2, 2500, 10); // 25 s epochs: every epoch's chart fits the budget
        assertTrue(cheap.chartUpdates >= 2, "charts drawn during the run: " + cheap.chartUpdates);
        assertEquals(0.0, drawn.endSeconds() - 0.001, 1e-9, "the end costs the summary line only");

        Recorder costly = new Recorder(MS, 5000 * MS); // 1 s epochs: no chart fits the budget during the run
        run(costly, 3, 100, 10);
        Object last = costly.outputs.values().toArray()[1];
        CurvePlot chart = assertInstanceOf(CurvePlot.class, last);
        assertEquals(3, chart.seriesCount());
        assertEquals(1, costly.chartUpdates, "only the final chart, at the end");
    }
}
