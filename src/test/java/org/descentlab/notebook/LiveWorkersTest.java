package org.descentlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The workers' lines in a notebook cell: silent for the first second, then one output with a line per
 * worker, replaced at most once a second and only when a line changed; at the end, how long they took.
 */
class LiveWorkersTest {

    private static final long MS = 1_000_000L;

    /** Records what is shown, by output id. */
    private static final class Outputs implements NotebookDisplay {
        final List<String> calls = new ArrayList<>();

        @Override
        public String show(Object value) {
            calls.add("show " + value);
            return "out" + calls.size();
        }

        @Override
        public void update(String id, Object value) {
            calls.add("update " + id + " " + value);
        }
    }

    @Test
    void linesPerWorkerReplacedInPlaceAtMostOnceASecond() {
        long[] now = {0};
        Outputs d = new Outputs();
        LiveWorkers live = new LiveWorkers(d, () -> now[0]);
        live.bar(1, "adamw: starting");
        live.bar(0, "adam: starting");
        now[0] += 500 * MS;
        live.tick(); // within the first second: nothing yet
        assertEquals(List.of(), d.calls);
        now[0] += 600 * MS;
        live.tick();
        live.bar(0, "adam on cpu  epoch 1/6");
        now[0] += 300 * MS;
        live.tick(); // changed, but under a second since the last time
        now[0] += 800 * MS;
        live.tick();
        now[0] += 2000 * MS;
        live.tick(); // nothing changed
        live.line("[1] adam epoch 1: loss 0.5"); // epoch lines: the bar says it already
        now[0] += 63_000 * MS;
        live.close();
        assertEquals(List.of("show [1] adam: starting\n[2] adamw: starting",
                "update out1 [1] adam on cpu  epoch 1/6\n[2] adamw: starting",
                "update out1 worker processes: 2, done after 1:07"), d.calls);
    }

    @Test
    void aCallTooShortToShowLeavesNoOutput() {
        long[] now = {0};
        Outputs d = new Outputs();
        LiveWorkers live = new LiveWorkers(d, () -> now[0]);
        live.bar(0, "adam: starting");
        now[0] += 900 * MS;
        live.tick();
        live.close();
        assertEquals(List.of(), d.calls);
    }
}
