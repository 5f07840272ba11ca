package org.descentlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.data.MnistSplits;
import org.descentlab.schedule.LambdaLR;
import org.descentlab.train.ConfigText;
import org.descentlab.train.EpochMetrics;
import org.descentlab.train.LrPolicy;
import org.descentlab.train.RealMnist;
import org.descentlab.train.SwatsSwitches;
import org.descentlab.train.Training;
import org.descentlab.train.TrainingConfig;
import org.descentlab.train.TrainingDivergedException;
import org.descentlab.train.TrainingResult;
import org.descentlab.util.DirectoryTree;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * {@link Runs} on two worker processes gives, config by config, the result of {@link
 * Training#runAndSummarize} in this process, bit for bit (parameters, optimizer state with SWATS's
 * switch data, every per-epoch metric but the wall time, the eval-mode training loss, the test
 * accuracy), and the same divergence; an interrupted call leaves no worker process behind; bad input is a
 * clear error. Small subsets and 2 epochs.
 */
class RunsTest {

    private static TrainingConfig small(TrainingConfig c) {
        return c.toBuilder().subsets(2000, 500, 500).trainEvalSize(500).build();
    }

    @Test
    void runsOnWorkersEqualRunsInThisProcess() {
        MnistSplits splits = RealMnist.splits();
        List<TrainingConfig> configs = List.of(
                small(Experiments.get("swats").configs(true, 2).get(0)),
                small(Experiments.get("adam-vs-sgd-generalization").configs(true, 2).get(1)).toBuilder()
                        .trainEvalLoss(true).build(),
                small(Experiments.get("increase-batch-size").configs(true, 2).get(1)),
                small(Experiments.get("batchsize-64").configs(true, 2).get(0)).toBuilder().name("diverges")
                        .optimizer("sgd", Map.of("lr", 1e12)).build());
        List<Runs.Outcome> side = Runs.trainEach(configs, splits, 2, null);
        assertFalse(Files.exists(Runs.temporaryDir(configs.stream().map(ConfigText::write).toList())),
                "the temporary directory is deleted when the call returns");
        assertEquals(configs.size(), side.size());
        for (int i = 0; i < configs.size(); i++) {
            TrainingConfig c = configs.get(i);
            Runs.Outcome o = side.get(i);
            assertSame(c, o.config());
            TrainingResult alone;
            try {
                alone = Training.runAndSummarize(c, splits);
            } catch (TrainingDivergedException e) {
                assertNull(o.result(), c.name());
                assertNotNull(o.diverged(), c.name() + " diverged in this process but not on a worker");
                assertEquals(e.getMessage(), o.diverged().getMessage());
                assertEquals(List.of(e.step(), e.epoch(), e.batch(), e.batches()), List.of(o.diverged().step(),
                        o.diverged().epoch(), o.diverged().batch(), o.diverged().batches()));
                assertEquals(e.lr(), o.diverged().lr());
                assertSame(o.diverged(), assertThrows(TrainingDivergedException.class, o::get));
                continue;
            }
            TrainingResult r = o.get();
            assertSame(c, r.config());
            assertArrayEquals(alone.parameters(), r.parameters(), c.name() + ": final parameters, byte for byte");
            assertEquals(withoutTime(alone.epochs()), withoutTime(r.epochs()), c.name() + ": metrics of every epoch");
            assertEquals(alone.testAccuracy(), r.testAccuracy(), c.name());
            assertEquals(alone.updates(), r.updates(), c.name());
            assertEquals(alone.optimizerState().params(), r.optimizerState().params(), c.name() + ": optimizer state");
            assertEquals(alone.optimizerState().hyperParameters(), r.optimizerState().hyperParameters(), c.name());
            assertEquals(List.of(alone.device(), alone.threads()), List.of(r.device(), r.threads()), c.name());
            assertTrue(r.seconds() > 0, c.name());
        }
        TrainingResult swats = side.get(0).get();
        assertEquals(SwatsSwitches.table(Training.runAndSummarize(configs.get(0), splits)).print(),
                SwatsSwitches.table(swats).print(), "SWATS's switch table");
        assertTrue(side.get(1).get().epochs().stream().noneMatch(m -> Double.isNaN(m.trainEvalLoss())),
                "the eval-mode training loss came back");
        assertThrows(TrainingDivergedException.class, () -> Runs.train(configs.subList(3, 4), splits));
    }

    private static List<EpochMetrics> withoutTime(List<EpochMetrics> rows) {
        return rows.stream().map(EpochMetrics::withoutTime).toList();
    }

    @Test
    void anInterruptedCallStopsItsWorkersAndKeepsItsFilesForTheNextCall() throws Exception {
        MnistSplits splits = RealMnist.splits();
        List<TrainingConfig> configs = new ArrayList<>();
        for (TrainingConfig c : Experiments.get("linear-scaling").configs(true, 50).subList(0, 2)) {
            configs.add(c);
        }
        Path kept = Runs.temporaryDir(configs.stream().map(ConfigText::write).toList());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                Runs.trainEach(configs, splits, 2, null);
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "runs-caller");
        try {
            caller.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!checkpointed(kept) && caller.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20); // a first epoch's checkpoint: the workers are training
            }
            List<ProcessHandle> seen = workers();
            assertEquals(2, seen.size(), "two worker processes while the runs train: " + seen + "; " + thrown.get());
            caller.interrupt();
            caller.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(caller.isAlive(), "the interrupted call returned");
            assertTrue(thrown.get() instanceof CancellationException, String.valueOf(thrown.get()));
            assertTrue(seen.stream().noneMatch(ProcessHandle::isAlive), "no worker outlives the interrupted call");
            assertEquals(List.of(), workers());
            assertTrue(checkpointed(kept), "the checkpoints stay for the same call made again, which continues from them");
        } finally {
            DirectoryTree.delete(kept);
            DirectoryTree.delete(kept.resolveSibling(kept.getFileName() + ".lock"));
        }
    }

    private static boolean checkpointed(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".ckpt"));
        }
    }

    private static List<ProcessHandle> workers() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().map(c -> c.contains(Workers.class.getName())).orElse(false)).toList();
    }

    @Test
    void theNotebooksQuickModeTrainsInThisProcessAndTheirFullModeOnWorkers() {
        for (List<String> cell : List.of(List.of("batchsize-64", "batchsize-1024"),
                List.of("scheduler", "sgd-scheduler-momentum", "adam", "adamw", "adabelief"),
                List.of("adam-vs-sgd-generalization"), List.of("increase-batch-size"), List.of("linear-scaling"))) {
            List<TrainingConfig> quick = new ArrayList<>();
            List<TrainingConfig> full = new ArrayList<>();
            for (String name : cell) {
                quick.addAll(Experiments.get(name).configs(true, 6));
                full.addAll(Experiments.get(name).configs(false));
            }
            assertEquals(1, Runs.jobsFor(quick), cell + " in quick mode");
            assertEquals(Runs.defaultJobs(), Runs.jobsFor(full), cell + " in full mode");
        }
    }

    @Test
    void badInputIsAClearError() {
        MnistSplits splits = RealMnist.splits();
        TrainingConfig a = small(Experiments.get("adam").configs(true, 1).get(0));
        TrainingConfig b = small(Experiments.get("adamw").configs(true, 1).get(0));
        assertMessage("configs = [] is invalid: must hold at least one TrainingConfig", () -> Runs.train(List.of(), splits));
        assertMessage("configs[1] is null: must be a TrainingConfig",
                () -> Runs.train(java.util.Arrays.asList(a, null), splits));
        assertMessage("jobs = 0 is invalid: must be an integer >= 1", () -> Runs.trainEach(List.of(a, b), splits, 0, null));
        assertMessage("configs[1].name() = 'adam' is invalid: configs[0] has it too",
                () -> Runs.train(List.of(a, a.toBuilder().seed(7).build()), splits));
        assertMessage("splits must not be null", () -> Runs.train(List.of(a, b), null));
        TrainingConfig lambda = a.toBuilder().name("lambda").lrPolicy(LrPolicy.perEpoch(new LambdaLR(0.1, e -> 0.5))).build();
        assertMessage("config 'lambda' cannot be written as text", () -> Runs.trainEach(List.of(a, lambda), splits, 2, null));
        MnistSplits other = splits.head(30_000, 6_000, 10_000);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Runs.trainEach(List.of(a, b), other, 2, null));
        assertTrue(e.getMessage().contains("splits is invalid for a worker process"), e.getMessage());
    }

    private static void assertMessage(String start, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
