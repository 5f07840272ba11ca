package org.descentlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.train.RealMnist;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed runs done side by side in two worker processes ({@code --jobs 2}) are bit-identical to the same
 * runs done one after another in this process: quick mode, 2 epochs, 2 seeds of adam (B 256) and 1 of
 * sgd-scheduler-momentum (ReduceLROnPlateau state).
 */
class ConcurrentReproduceTest {

    @Test
    void runsOnTwoWorkersEqualRunsDoneAlone(@TempDir Path dir) throws Exception {
        RealMnist.splits(); // fails with the fix command if the cache is missing
        List<Experiment> experiments = List.of(Experiments.get("adam"), Experiments.get("sgd-scheduler-momentum"));
        Path alone = dir.resolve("alone");
        Path side = dir.resolve("side-by-side");
        // separate runs (together, the four seeds would form one lockstep group: LockstepReproduceTest)
        new Reproduce(true, 2, 2, alone, quiet(), null).lockstep(false).run(experiments);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<Reproduce.RunSummary> runs = new Reproduce(true, 2, 2, side,
                new PrintStream(log, true, StandardCharsets.UTF_8), null).lockstep(false).jobs(2).run(experiments);
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("2 workers"), text);
        assertEquals(2, runs.size());
        for (int k = 0; k < 2; k++) {
            SameRuns.assertSame(alone, side, "adam", k, 2);
            SameRuns.assertSame(alone, side, "sgd-scheduler-momentum", k, 2);
        }
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
