package org.descentlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.analysis.Trajectory;
import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.optim.Adam;
import org.descentlab.optim.ClipByGlobalNorm;
import org.descentlab.optim.ClipByValue;
import org.descentlab.optim.DescentOptimizer;
import org.descentlab.optim.GradientClipping;
import org.descentlab.optim.Options;
import org.descentlab.optim.Sgd;
import org.descentlab.problem.DiagonalQuadratic;
import org.descentlab.problem.GradientSequence;
import org.descentlab.problem.Problem;
import org.descentlab.problem.Rosenbrock;
import org.descentlab.schedule.ExponentialLR;
import org.descentlab.schedule.Schedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** {@code descent trajectory} prints exactly what {@link TrajectoryRunner} computes. */
class TrajectoryCommandTest {

    /** Row k of the CSV equals (bit for bit) the runner's step k: lr, loss and every coordinate. */
    private static void assertSameNumbers(Trajectory expected, CliRun run) {
        List<double[]> rows = run.rows();
        assertEquals(expected.steps() + 1, rows.size(), "one row per point, start included");
        for (int k = 0; k < rows.size(); k++) {
            double[] row = rows.get(k);
            assertEquals(k, row[0], "step");
            assertEquals(expected.lr()[k], row[1], "lr at step " + k);
            assertEquals(expected.loss()[k], row[2], "loss at step " + k);
            double[] w = new double[row.length - 3];
            System.arraycopy(row, 3, w, 0, w.length);
            assertArrayEquals(expected.params()[k], w, "w at step " + k);
        }
    }

    @Test
    void adamOnRosenbrockMatchesTheRunnerExactly() {
        CliRun run = CliRun.run("trajectory", "--problem", "rosenbrock", "--optimizer", "adam",
                "-p", "lr=0.01", "-p", "betas=0.9,0.999", "--start", "1.5,1.5", "--steps", "100");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertEquals("step,lr,loss,w0,w1", run.header());
        assertEquals(101, run.rows().size());

        Adam adam = Adam.builder().lr(0.01).betas(0.9, 0.999).build();
        Trajectory expected = TrajectoryRunner.run(new Rosenbrock(), adam, 100);
        assertSameNumbers(expected, run);
    }

    @Test
    void sgdWithMomentumOnAQuadraticFromAGivenStartMatchesTheRunner() {
        CliRun run = CliRun.run("trajectory", "--problem", "quadratic", "-P", "diag=1,100,3",
                "--optimizer", "SGD", "-p", "lr=0.015", "-p", "momentum=0.9", "-p", "nesterov=true",
                "--start=-1,2,0.5", "--steps", "40");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("step,lr,loss,w0,w1,w2", run.header());

        Sgd sgd = Sgd.builder().lr(0.015).momentum(0.9).nesterov(true).build();
        DiagonalQuadratic q = new DiagonalQuadratic(new double[] {1, 100, 3}, new double[] {-1, 2, 0.5});
        assertSameNumbers(TrajectoryRunner.run(q, sgd, 40), run);
    }

    @Test
    void sequenceProblemReplaysGradientsFromAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("grads.txt");
        Files.writeString(file, "# g_t, one step per line\n1.0, -2.0\n0.5 0.25\n\n-3,1e-3\n");
        CliRun run = CliRun.run("trajectory", "--problem", "sequence", "-P", "file=" + file,
                "--optimizer", "adamw", "-p", "lr=0.1", "-p", "weight_decay=0.5", "--start", "1,-1", "--steps", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("step,lr,loss,w0,w1", run.header());
        assertEquals(4, run.rows().size());
        assertTrue(Double.isNaN(run.rows().get(0)[2]), "a replayed sequence has no loss");

        Problem seq = GradientSequence.read(file, new double[] {1, -1});
        DescentOptimizer adamW = org.descentlab.optim.AdamW.builder().lr(0.1).weightDecay(0.5).build();
        assertSameNumbers(TrajectoryRunner.run(seq, adamW, 3), run);
    }

    @Test
    void outWritesTheSameCsvToAFileAndNothingToStdout(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("out.csv");
        String[] args = {"trajectory", "--problem", "rosenbrock", "--optimizer", "sgd", "-p", "lr=0.001", "--steps", "5"};
        CliRun toStdout = CliRun.run(args);
        List<String> withOut = new ArrayList<>(List.of(args));
        withOut.addAll(List.of("--out", csv.toString()));
        CliRun toFile = CliRun.run(withOut.toArray(String[]::new));
        assertEquals(0, toFile.exitCode(), toFile.err());
        assertEquals("", toFile.out());
        assertEquals(toStdout.out(), Files.readString(csv));
    }

    @Test
    void zeroStepsPrintsTheStartOnly() {
        CliRun run = CliRun.run("trajectory", "--problem", "quadratic", "--optimizer", "adam", "--steps", "0");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.rows().size());
        assertArrayEquals(new double[] {0, 1e-3, 5.5, 1, 1}, run.rows().get(0));
    }

    @Test
    void scheduleFromTheRegistrySetsEveryUpdatesRateFromTheOptimizersLr() {
        CliRun run = CliRun.run("trajectory", "--problem", "quadratic", "--optimizer", "sgd", "-p", "lr=0.1",
                "--steps", "6", "--schedule", "exponential", "-s", "gamma=0.5");
        assertEquals(0, run.exitCode(), run.err());

        DiagonalQuadratic q = new DiagonalQuadratic(1, 10);
        Trajectory expected = TrajectoryRunner.run(q, Sgd.of(0.1), new ExponentialLR(0.1, 0.5), q.start(), 6);
        assertSameNumbers(expected, run);
        assertEquals(0.1 * Math.pow(0.5, 5), run.rows().get(6)[1]);
    }

    @Test
    void scheduleOptionsAreHandedToTheLookup() {
        Schedule halving = k -> 0.1 * Math.pow(0.5, k);
        List<String> asked = new ArrayList<>();
        CliRun run = CliRun.run(
                cmd -> cmd.schedules = (name, o, lr) -> {
                    asked.add(name + " gamma=" + o.getDouble("gamma", -1) + " lr=" + lr);
                    o.finish(name);
                    return halving;
                },
                "trajectory", "--problem", "quadratic", "--optimizer", "sgd", "--steps", "6",
                "--schedule", "exponential", "-s", "gamma=0.5");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("exponential gamma=0.5 lr=0.001"), asked);
    }

    @Test
    void clippingOptionsReachTheClipperValidated() {
        List<String> seen = new ArrayList<>();
        BiConsumer<DescentOptimizer, GradientClipping> recording = (opt, clip) -> seen.add(
                clip instanceof ClipByGlobalNorm n ? "norm " + n.maxNorm() : "value " + ((ClipByValue) clip).clipValue());
        String[] common = {"trajectory", "--problem", "rosenbrock", "--optimizer", "sgd", "--steps", "1"};
        CliRun byNorm = CliRun.run(cmd -> cmd.clipping = recording, concat(common, "--clip-norm", "2.5"));
        CliRun byValue = CliRun.run(cmd -> cmd.clipping = recording, concat(common, "--clip-value", "0.1"));
        CliRun none = CliRun.run(cmd -> cmd.clipping = recording, common);
        assertEquals(0, byNorm.exitCode(), byNorm.err());
        assertEquals(0, byValue.exitCode(), byValue.err());
        assertEquals(0, none.exitCode(), none.err());
        assertEquals(List.of("norm 2.5", "value 0.1"), seen);
    }

    @Test
    void clipValueLimitsTheFirstRosenbrockStepToLrTimesTheClip() {
        // at (1.5, 1.5) the gradient is (451, -150): clamped to (0.1, -0.1), SGD moves by lr * 0.1
        CliRun run = CliRun.run("trajectory", "--problem", "rosenbrock", "--optimizer", "sgd",
                "-p", "lr=0.01", "--steps", "1", "--clip-value", "0.1");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1.5 - 0.01 * 0.1, run.rows().get(1)[3]);
        assertEquals(1.5 + 0.01 * 0.1, run.rows().get(1)[4]);
    }

    @Test
    void clipNormRescalesTheFirstStepToTheGivenNorm() {
        CliRun run = CliRun.run("trajectory", "--problem", "rosenbrock", "--optimizer", "sgd",
                "-p", "lr=0.01", "--steps", "1", "--clip-norm", "1");
        assertEquals(0, run.exitCode(), run.err());
        double dx = run.rows().get(1)[3] - 1.5;
        double dy = run.rows().get(1)[4] - 1.5;
        double norm = Math.hypot(451, 150);
        double coef = 1 / (norm + 1e-6); // torch's clip_grad_norm_: max_norm / (total + 1e-6)
        assertEquals(-0.01 * 451 * coef, dx, 1e-15);
        assertEquals(0.01 * 150 * coef, dy, 1e-15);
    }

    @Test
    void theOptimizerSeesHyperParametersInTorchSpelling() {
        // Options go through the registry untouched: an option Adam reads but SGD does not is refused by SGD.
        CliRun ok = CliRun.run("trajectory", "--problem", "rosenbrock", "--optimizer", "Adam",
                "-p", "amsgrad=true", "-p", "eps=1e-6", "--steps", "2");
        assertEquals(0, ok.exitCode(), ok.err());
        Trajectory expected = TrajectoryRunner.run(new Rosenbrock(),
                org.descentlab.optim.Optimizers.create("adam", Options.of(Map.of("amsgrad", true, "eps", 1e-6))), 2);
        assertSameNumbers(expected, ok);
    }

    @Test
    void aDivergingRunStopsAtTheFirstNonFiniteLossAndSaysWhyOnOneStderrLine() {
        CliRun run = CliRun.run("trajectory", "--problem", "rosenbrock", "--optimizer", "sgd", "-p", "lr=1e10",
                "--steps", "100");
        assertEquals(0, run.exitCode(), "divergence is a result, not an error: " + run.err());
        Trajectory expected = TrajectoryRunner.run(new Rosenbrock(), Sgd.of(1e10), 100);
        int last = expected.divergence().orElseThrow().step();
        assertSameNumbers(expected, run);
        List<double[]> rows = run.rows();
        assertEquals(last + 1, rows.size(), "rows up to and including the first non-finite loss");
        for (int k = 0; k < last; k++) {
            assertTrue(Double.isFinite(rows.get(k)[2]), "row " + k + " finite");
        }
        assertTrue(!Double.isFinite(rows.get(last)[2]), "the last row's loss is not finite");
        assertEquals(1, run.err().lines().count(), run.err());
        String line = run.err().strip();
        assertTrue(line.startsWith("descent trajectory: diverged: the loss is "), line);
        assertTrue(line.contains(" at step " + last + " "), line);
        // 2/lambda_max at the start (1.5, 1.5), lambda_max = 1151 + sqrt(951^2 + 600^2) = 2275.46
        assertTrue(line.contains("lr = 1.0E10 > 2/lambda_max = 0.0008789 at the start (step 0)"), line);
    }

    @Test
    void aDivergingRunWrittenToAFileStillReportsOnStderr(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("diverged.csv");
        CliRun run = CliRun.run("trajectory", "--problem", "quadratic", "-P", "diag=1,100", "--optimizer", "sgd",
                "-p", "lr=1", "--steps", "500", "--out", csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.out());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 78, lines.size(), "header and rows 0..77: the loss overflows at step 77");
        assertTrue(lines.get(78).startsWith("77,1.0,Infinity,"), lines.get(78));
        assertTrue(run.err().contains("at step 77 ") && run.err().contains("2/lambda_max = 0.02000"), run.err());
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
