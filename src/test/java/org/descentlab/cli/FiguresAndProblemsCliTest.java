package org.descentlab.cli;

import org.descentlab.experiment.Lecture;
import org.descentlab.problem.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code descent figures} and the problems added to the registry, including their bad input. */
class FiguresAndProblemsCliTest {

    private static void assertBadInput(CliRun r, String... mentions) {
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        for (String m : mentions) {
            assertTrue(r.err().contains(m), "'" + m + "' missing from: " + r.err());
        }
    }

    @Test
    void figuresWritesTheChosenFiguresAndTimings(@TempDir Path dir) throws IOException {
        CliRun r = CliRun.run("figures", "--out", dir.toString(), "--only", "gd-regimes,learning-rate");
        assertEquals(0, r.exitCode(), r.err());
        for (String id : new String[] {"gd-regimes", "learning-rate"}) {
            assertTrue(Files.exists(dir.resolve(id + ".png")));
            assertTrue(Files.exists(dir.resolve(id + ".csv")));
            assertTrue(r.err().contains(id), r.err());
        }
        assertTrue(r.err().contains("total"), r.err());
        String index = Files.readString(dir.resolve("index.md"));
        assertTrue(index.contains(Lecture.CSC413_L4.label()) && index.contains("Ill-conditioned curvature"), index);
    }

    @Test
    void unknownFigureIdListsTheIds(@TempDir Path dir) {
        assertBadInput(CliRun.run("figures", "--out", dir.toString(), "--only", "gd-regimes,nope"),
                "--only", "nope", "gd-regimes", "sigmoid-plateau-loss");
    }

    @Test
    void outMustNotBeAFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("x.txt"), "hi");
        assertBadInput(CliRun.run("figures", "--out", file.toString()), "--out", "not a directory");
    }

    @Test
    void everyProblemRunsFromTheCommandLine() {
        for (String name : Problems.names()) {
            if (name.equals("sequence")) {
                continue;
            }
            CliRun r = CliRun.run("trajectory", "--problem", name, "--optimizer", "sgd", "-p", "lr=0.001",
                    "--steps", "3");
            assertEquals(0, r.exitCode(), name + ": " + r.err());
            assertEquals(4, r.rows().size(), name);
        }
        CliRun banana = CliRun.run("trajectory", "--problem", "banana", "--optimizer", "sgd", "-p", "lr=0.002",
                "--steps", "1");
        assertEquals(-1.0, banana.rows().get(0)[3], 0.0);
        assertEquals(1.0, banana.rows().get(0)[4], 0.0);
    }

    @Test
    void problemOptions() {
        CliRun r = CliRun.run("trajectory", "--problem", "quadratic-rotated", "-P", "eigenvalues=1,100",
                "-P", "angle=0", "--optimizer", "sgd", "-p", "lr=0.01", "--steps", "1");
        assertEquals(0, r.exitCode(), r.err());
        // start q1 + q2 = (1, 1) with angle 0; gradient (1, 100); after one step (0.99, 0)
        assertEquals(0.99, r.rows().get(1)[3], 1e-15);
        assertEquals(0.0, r.rows().get(1)[4], 1e-15);
        assertBadInput(CliRun.run("trajectory", "--problem", "saddle", "-P", "variant=weird", "--optimizer", "sgd",
                "--steps", "1"), "variant", "plain or quartic");
        assertBadInput(CliRun.run("trajectory", "--problem", "noisy-quadratic", "-P", "eigenvalues=1", "--optimizer",
                "sgd", "--steps", "1"), "eigenvalues");
    }

    @Test
    void unknownProblemListsAll() {
        CliRun r = CliRun.run("trajectory", "--problem", "nope", "--optimizer", "sgd", "--steps", "1");
        assertBadInput(r, "problem", "nope");
        for (String name : Problems.names()) {
            assertTrue(r.err().contains(name), name + " missing from " + r.err());
        }
    }

    @Test
    void wrongStartDimension() {
        assertBadInput(CliRun.run("trajectory", "--problem", "banana", "--start", "1,2,3", "--optimizer", "sgd",
                "--steps", "1"), "start", "3 coordinates", "dimension 2");
        assertBadInput(CliRun.run("trajectory", "--problem", "linear-regression", "--start", "1,2", "--optimizer", "sgd",
                "--steps", "1"), "start", "dimension 3");
    }

    @Test
    void batchSizeForNoisyQuadratic() {
        CliRun ok = CliRun.run("trajectory", "--problem", "noisy-quadratic", "--batch-size", "10", "--seed", "3",
                "--optimizer", "sgd", "-p", "lr=0.1", "--steps", "5");
        assertEquals(0, ok.exitCode(), ok.err());
        CliRun again = CliRun.run("trajectory", "--problem", "noisy-quadratic", "--batch-size", "10", "--seed", "3",
                "--optimizer", "sgd", "-p", "lr=0.1", "--steps", "5");
        assertEquals(ok.out(), again.out());
        assertBadInput(CliRun.run("trajectory", "--problem", "noisy-quadratic", "--batch-size", "0",
                "--optimizer", "sgd", "--steps", "1"), "--batch-size", "0");
        assertBadInput(CliRun.run("trajectory", "--problem", "noisy-quadratic", "--batch-size", "1001",
                "--optimizer", "sgd", "--steps", "1"), "--batch-size", "1001", "[1, 1000]");
        assertBadInput(CliRun.run("trajectory", "--problem", "banana", "--batch-size", "2",
                "--optimizer", "sgd", "--steps", "1"), "--batch-size", "banana");
    }

    @Test
    void nonFiniteParametersNameTheParameter() {
        assertBadInput(CliRun.run("trajectory", "--problem", "noisy-quadratic", "-P", "sigma=NaN",
                "--optimizer", "sgd", "--steps", "1"), "sigma");
        assertBadInput(CliRun.run("trajectory", "--problem", "quadratic-rotated", "-P", "angle=Infinity",
                "--optimizer", "sgd", "--steps", "1"), "angle");
        assertBadInput(CliRun.run("trajectory", "--problem", "banana", "--start", "NaN,1",
                "--optimizer", "sgd", "--steps", "1"), "start");
        assertBadInput(CliRun.run("trajectory", "--problem", "sigmoid", "--optimizer", "sgd", "-p", "lr=Infinity",
                "--steps", "1"), "lr");
    }
}
