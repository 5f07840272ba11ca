package org.descentlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.descentlab.train.EpochMetrics;
import org.descentlab.train.ProgressListener;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The epoch lines a worker sends, and the bar the board shows: each names the seed run it belongs to, once. */
class WorkerProgressTest {

    private static final EpochMetrics EPOCH_2 = new EpochMetrics(2, 64, 0.5, 0.4, 91.0, 90.5, Double.NaN, 0.1, 0.3, 156);

    @Test
    void aLockstepModelsEpochLineNamesItsSeedRun() {
        Experiment e = Experiments.get("batchsize-64");
        List<SeedRun> unit = List.of(SeedRun.of(e, true, 3, 0, 0, true, "cpu"), SeedRun.of(e, true, 3, 0, 1, true, "cpu"),
                SeedRun.of(e, true, 3, 0, 2, true, "cpu"));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ProgressListener p = Workers.progress(new PrintStream(sent, true, StandardCharsets.UTF_8), unit);
        p.onEpoch(unit.get(1).config(), EPOCH_2);
        assertEquals("@descent epoch batchsize-64 seed 1  epoch 2/3 | loss 0.5000 | train 91.00% | valid 90.50% | lr 0.100"
                + " | B 64 | 0.3 s", sent.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void aSingleRunsEpochLineNamesItsSeed() {
        List<SeedRun> unit = List.of(SeedRun.of(Experiments.get("adam"), true, 3, 0, 2, true, "cpu"));
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ProgressListener p = Workers.progress(new PrintStream(sent, true, StandardCharsets.UTF_8), unit);
        p.onEpoch(EPOCH_2);
        assertEquals("@descent epoch adam seed 2  epoch 2/3 | loss 0.5000 | train 91.00% | valid 90.50% | lr 0.100"
                + " | B 64 | 0.3 s", sent.toString(StandardCharsets.UTF_8).trim());
    }

    @Test
    void aSingleRunsBarNamesItsRunOnce() {
        List<SeedRun> unit = List.of(SeedRun.of(Experiments.get("adam"), true, 3, 0, 1, true, "cpu"));
        assertEquals("seed 1 adam on cpu  epoch 1/3 [###...] 3/20", Workers.barText(unit,
                "adam on cpu  epoch 1/3 [###...] 3/20"));
    }

    @Test
    void aGroupsBarNamesItsRunsOnce() {
        Experiment e = Experiments.get("batchsize-64");
        List<SeedRun> one = List.of(SeedRun.of(e, true, 3, 0, 0, true, "cpu"), SeedRun.of(e, true, 3, 0, 1, true, "cpu"));
        assertEquals("seed 0,1 batchsize-64 on cpu  epoch 2/3", Workers.barText(one, "batchsize-64 on cpu  epoch 2/3"));
        List<SeedRun> two = List.of(one.get(0), one.get(1), SeedRun.of(Experiments.get("scheduler"), true, 3, 0, 0, true,
                "cpu"));
        // the bar as LockstepTraining names a group of two runs
        assertEquals("batchsize-64 seeds 0,1 + scheduler seed 0 on cpu  epoch 2/3", Workers.barText(two,
                "batchsize-64 + scheduler on cpu  epoch 2/3"));
    }
}
