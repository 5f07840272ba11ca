package org.descentlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.train.RealMnist;
import org.descentlab.train.Devices;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How reproduce cuts seed runs into lockstep groups, and that a model's result does not depend on its group. */
class SeedGroupTest {

    private static List<String> labels(List<List<SeedRun>> units) {
        return units.stream().map(Workers::label).collect(Collectors.toList());
    }

    private static List<SeedRun> plan(String names, int seeds) {
        return SeedRun.plan(Experiments.select(names), true, 2, seeds, true, Devices.name(Devices.resolve("cpu")));
    }

    @Test
    void theLectureTableGroupsRunsThatDifferOnlyInOptimizerOrRate(@TempDir Path out) {
        List<List<SeedRun>> units = SeedGroup.units(plan("all", 3).subList(0, 21), out, true, 2);
        assertEquals(List.of("seed 0 batchsize-1024", "seed 1 batchsize-1024", "seed 2 batchsize-1024",
                "batchsize-64 seeds 0,1,2 + scheduler seeds 0,1,2",
                "sgd-scheduler-momentum seeds 0,1,2 + adam seeds 0,1,2 + adamw seeds 0,1,2 + adabelief seeds 0,1,2"),
                labels(units));
        // two of the B 256 runs alone: one group of six, halved for two workers into the two runs' groups of three
        assertEquals(List.of("seed 0,1,2 adam", "seed 0,1,2 adamw"), labels(SeedGroup.units(plan("adam,adamw", 3), out,
                true, 2)));
    }

    @Test
    void aGroupIsHalvedRatherThanLeaveAWorkerIdle(@TempDir Path out) {
        List<SeedRun> plan = plan("batchsize-64,scheduler", 3);
        assertEquals(List.of("batchsize-64 seeds 0,1,2 + scheduler seeds 0,1,2"), labels(SeedGroup.units(plan, out, true, 1)));
        assertEquals(List.of("seed 0,1,2 batchsize-64", "seed 0,1,2 scheduler"), labels(SeedGroup.units(plan, out, true, 2)));
        // three workers: halves of 3 would hold a single run, where lockstep does not pay
        assertEquals(2, SeedGroup.units(plan, out, true, 3).size());
        assertEquals(6, SeedGroup.units(plan, out, false, 1).size());
        // nothing left to run (every run kept): no units, for any number of workers
        assertEquals(List.of(), SeedGroup.units(List.of(), out, true, 2));
    }

    @Test
    void aModelTrainsTheSameInAGroupOfTwoOrOfFour(@TempDir Path dir) throws Exception {
        RealMnist.splits();
        Path alone = dir.resolve("alone");
        new Reproduce(true, 2, 2, alone, ConcurrentReproduceTest.quiet(), null).run(Experiments.select("batchsize-64"));
        Path together = dir.resolve("together");
        List<Reproduce.RunSummary> runs = new Reproduce(true, 2, 2, together, ConcurrentReproduceTest.quiet(), null)
                .run(Experiments.select("batchsize-64,scheduler"));
        // the four trained as one group: each seed's wall time is a quarter of the group's, hence all equal
        assertEquals(1, runs.stream().flatMap(r -> r.seconds().stream()).distinct().count());
        for (int k = 0; k < 2; k++) {
            SameRuns.assertSame(alone, together, "batchsize-64", k, 2);
        }
        assertTrue(runs.get(1).testAccuracies().size() == 2);
    }
}
