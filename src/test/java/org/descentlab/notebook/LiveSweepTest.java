package org.descentlab.notebook;

import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.Sgd;
import org.descentlab.problem.Quadratic;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveSweepTest {

    private static final long MS = 1_000_000L;

    /** Records outputs; each output costs {@code costMs} on the fake clock. */
    private static final class Lines implements NotebookDisplay {
        final long[] now = {0};
        final long costMs;
        final List<String> ids = new ArrayList<>();
        final List<String> texts = new ArrayList<>();

        Lines(long costMs) {
            this.costMs = costMs;
        }

        @Override
        public String show(Object value) {
            ids.add("line" + ids.size());
            texts.add((String) value);
            now[0] += costMs * MS;
            return ids.get(ids.size() - 1);
        }

        @Override
        public void update(String id, Object value) {
            assertEquals(ids.get(ids.size() - 1), id, "only the current sweep's line is replaced");
            texts.add((String) value);
            now[0] += costMs * MS;
        }
    }

    private static void run(LiveSweep sweep, Lines d, String label, int steps, long stepMs) {
        sweep.onStart(label, steps);
        for (int k = 1; k <= steps; k++) {
            d.now[0] += stepMs * MS;
            sweep.onStep(k);
        }
        sweep.onEnd();
    }

    @Test
    void aShortSweepStaysSilent() {
        Lines d = new Lines(10);
        LiveSweep sweep = new LiveSweep(d, () -> 1, () -> d.now[0]);
        for (int i = 0; i < 3; i++) {
            run(sweep, d, "sgd", 500, 1); // 1.5 s in all, under the 2 s delay
        }
        assertEquals(0, d.texts.size());
    }

    @Test
    void theRunsOfOneCellShareOneLineThatEndsWithTheirCount() {
        Lines d = new Lines(10);
        int[] cell = {7};
        LiveSweep sweep = new LiveSweep(d, () -> cell[0], () -> d.now[0]);
        for (int i = 0; i < 8; i++) {
            run(sweep, d, "adam " + i, 3000, 1); // 24 s in all
        }
        assertEquals(1, d.ids.size(), "one line for the whole sweep");
        // after 2 s: while running at most one a second, slowed to half the budget (one per 2 s at 10 ms),
        // plus one per run's end (6 of the 8 end after the delay)
        assertTrue(d.texts.size() >= 10 && d.texts.size() <= 22 + 6, "updates " + d.texts.size());
        assertTrue(d.texts.get(0).startsWith("trajectories: 0 done, adam 0 2000/3000 steps  1000 it/s  ETA 0:01"),
                d.texts.get(0));
        assertEquals("trajectories: 8 done, 24000 steps in 0:24, 995 it/s", d.texts.get(d.texts.size() - 1));
        assertTrue(sweep.overheadSeconds() <= LiveSweep.BUDGET * 24.3 + 0.01, "cost " + sweep.overheadSeconds());

        cell[0] = 8; // the next cell: a new sweep, a new line
        run(sweep, d, "sgd", 3000, 1);
        assertEquals(2, d.ids.size());
        String last = d.texts.get(d.texts.size() - 1);
        assertTrue(last.startsWith("trajectories: 1 done, 3000 steps in 0:03, "), last);
    }

    @Test
    void expensiveUpdatesAreThrottledToTheBudget() {
        Lines d = new Lines(200); // an update costs 0.2 s: at most one per 20 s of sweep
        LiveSweep sweep = new LiveSweep(d, () -> 1, () -> d.now[0]);
        for (int i = 0; i < 10; i++) {
            run(sweep, d, "sgd", 6000, 1);
        }
        double elapsed = d.now[0] / 1e9;
        assertTrue(sweep.overheadSeconds() <= LiveSweep.BUDGET * elapsed + 0.2, sweep.overheadSeconds() + " s of " + elapsed);
    }

    @Test
    void withoutACellAPauseBetweenRunsStartsANewSweep() {
        Lines d = new Lines(10);
        LiveSweep sweep = new LiveSweep(d, () -> null, () -> d.now[0]);
        run(sweep, d, "a", 3000, 1);
        run(sweep, d, "b", 3000, 1); // straight after: the same sweep
        assertEquals(1, d.ids.size());
        d.now[0] += 5000 * MS;
        run(sweep, d, "c", 3000, 1);
        assertEquals(2, d.ids.size());
    }

    @Test
    void trajectoryRunnerReportsEachUpdate() {
        List<String> events = new ArrayList<>();
        TrajectoryRunner.progress(new org.descentlab.analysis.TrajectoryProgress() {
            @Override
            public void onStart(String label, int steps) {
                events.add("start " + steps);
            }

            @Override
            public void onStep(int step) {
                events.add("step " + step);
            }

            @Override
            public void onEnd() {
                events.add("end");
            }
        });
        try {
            Trajectory t = TrajectoryRunner.run(Quadratic.diagonal(new double[] {1, 2}, new double[] {0, 0}, new double[] {1, 1}),
                    Sgd.builder().lr(0.1).build(), 3);
            assertEquals(4, t.loss().length);
            assertEquals(List.of("start 3", "step 1", "step 2", "step 3", "end"), events);
        } finally {
            TrajectoryRunner.progress(org.descentlab.analysis.TrajectoryProgress.NONE);
        }
    }
}
