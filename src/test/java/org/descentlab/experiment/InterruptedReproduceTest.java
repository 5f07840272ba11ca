package org.descentlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.train.Checkpoint;
import org.descentlab.train.RealMnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code descent reproduce} killed mid-run (SIGKILL, as a crash) and run again with the same arguments
 * continues the unfinished runs from their last epoch and ends bit-identical to an uninterrupted run;
 * its worker processes do not outlive it; a third run keeps the finished files untouched, and a run
 * asking for fewer epochs is refused rather than overwriting them. Quick mode, adam, 2 seeds, 12 epochs,
 * 2 workers, each command a JVM of its own.
 */
class InterruptedReproduceTest {

    private static final int EPOCHS = 12;

    @Test
    void aKilledReproduceResumesToTheSameResultAndKeepsFinishedRuns(@TempDir Path dir) throws Exception {
        RealMnist.splits(); // fails with the fix command if the cache is missing
        Path out = dir.resolve("killed");
        Process first = reproduce(out, EPOCHS, dir.resolve("first.log"));
        Path ckpt = out.resolve("checkpoints").resolve("adam-seed0").resolve(Checkpoint.fileName("adam", 3));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (!Files.exists(ckpt) && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(first.isAlive(), "reproduce ended before it could be killed: " + Files.readString(dir.resolve("first.log")));
        List<ProcessHandle> workers = first.descendants().toList();
        first.destroyForcibly().waitFor();
        assertFalse(Files.exists(out.resolve("adam-seed0.done")) && Files.exists(out.resolve("adam-seed1.done")),
                "killed after epoch 3 of " + EPOCHS + ": not all runs can be finished");
        long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (workers.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < gone) {
            Thread.sleep(50);
        }
        assertTrue(workers.size() >= 2 && workers.stream().noneMatch(ProcessHandle::isAlive),
                "worker processes outlived the killed reproduce: " + workers);

        Process second = reproduce(out, EPOCHS, dir.resolve("second.log"));
        assertEquals(0, second.waitFor(), Files.readString(dir.resolve("second.log")));
        String log = Files.readString(dir.resolve("second.log"));
        assertTrue(log.contains("adam seed 0: ") && log.contains("resumed after epoch"), log);

        Path uninterrupted = dir.resolve("uninterrupted");
        new Reproduce(true, EPOCHS, 2, uninterrupted, ConcurrentReproduceTest.quiet(), null)
                .run(List.of(Experiments.get("adam")));
        for (int k = 0; k < 2; k++) {
            SameRuns.assertSame(uninterrupted, out, "adam", k, EPOCHS);
        }

        byte[] done = Files.readAllBytes(out.resolve("adam-seed1.done"));
        byte[] csv = Files.readAllBytes(out.resolve("adam-seed1.csv"));
        Process third = reproduce(out, EPOCHS, dir.resolve("third.log"));
        assertEquals(0, third.waitFor(), Files.readString(dir.resolve("third.log")));
        String kept = Files.readString(dir.resolve("third.log"));
        assertTrue(kept.contains("adam seed 0: test accuracy") && kept.contains("adam seed 1: test accuracy")
                && kept.split("finished earlier; kept", -1).length == 3, kept);
        Process shorter = reproduce(out, 6, dir.resolve("shorter.log"));
        assertEquals(2, shorter.waitFor(), Files.readString(dir.resolve("shorter.log")));
        assertTrue(Files.readString(dir.resolve("shorter.log")).contains("finished 12 epochs (kept)"),
                Files.readString(dir.resolve("shorter.log")));
        assertArrayEquals(done, Files.readAllBytes(out.resolve("adam-seed1.done")));
        assertArrayEquals(csv, Files.readAllBytes(out.resolve("adam-seed1.csv")));
    }

    /** {@code descent reproduce adam --quick --epochs E --seeds 2 --jobs 2 --out OUT} in a JVM of its own. */
    private static Process reproduce(Path out, int epochs, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Djava.awt.headless=true"));
        String mnist = System.getProperty("descent.mnist.dir");
        if (mnist != null) {
            cmd.add("-Ddescent.mnist.dir=" + mnist);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.descentlab.cli.Main", "reproduce", "adam",
                "--quick", "--epochs", Integer.toString(epochs), "--seeds", "2", "--jobs", "2", "--out", out.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
