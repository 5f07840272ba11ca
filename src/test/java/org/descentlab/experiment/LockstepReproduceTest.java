package org.descentlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.train.RealMnist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * reproduce's lockstep path (batchsize-64, B 64, 2 seeds: one lockstep group): a group interrupted
 * after epoch 1 (here: a first call asking for 1 epoch leaves the epoch-1 checkpoints, as a kill after
 * epoch 1 does) and continued by a second call ends bit-identical to a group that ran through; and the
 * group done on a worker process ({@code --jobs 2}) is bit-identical to the group done in this process.
 */
class LockstepReproduceTest {

    @Test
    void aLockstepGroupResumesAndRunsOnWorkersToTheSameResult(@TempDir Path dir) throws Exception {
        RealMnist.splits();
        List<Experiment> experiments = List.of(Experiments.get("batchsize-64"));
        Path through = dir.resolve("through");
        new Reproduce(true, 2, 2, through, ConcurrentReproduceTest.quiet(), null).run(experiments);
        Path resumed = dir.resolve("resumed");
        new Reproduce(true, 1, 2, resumed, ConcurrentReproduceTest.quiet(), null).run(experiments);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        new Reproduce(true, 2, 2, resumed, new PrintStream(log, true, StandardCharsets.UTF_8), null).run(experiments);
        String text = log.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("batchsize-64 seed 1: ") && text.contains("resumed after epoch 1"), text);
        Path workers = dir.resolve("workers");
        new Reproduce(true, 2, 2, workers, ConcurrentReproduceTest.quiet(), null).jobs(2).run(experiments);
        for (int k = 0; k < 2; k++) {
            SameRuns.assertSame(through, resumed, "batchsize-64", k, 2);
            SameRuns.assertSame(through, workers, "batchsize-64", k, 2);
        }
        // lockstep really ran: both seeds' wall times are halves of one group's, hence equal
        assertEquals(seconds(through, "batchsize-64-seed0"), seconds(through, "batchsize-64-seed1"));
    }

    private static String seconds(Path dir, String stem) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(dir.resolve(stem + ".done")).stream()
                .filter(l -> l.startsWith("seconds=")).findFirst().orElseThrow();
    }
}
