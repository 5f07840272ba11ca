package org.descentlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Bad input: exit code 2, nothing on stdout, and one line on stderr that names the parameter (and,
 * where there is one, the valid range), without a stack trace.
 */
class BadInputTest {

    @TempDir
    static Path dir;

    private static Path badGradients;

    @BeforeAll
    static void files() throws IOException {
        badGradients = dir.resolve("bad.txt");
        Files.writeString(badGradients, "1,2\n3,four\n");
    }

    private static String[] rosenbrock(String... more) {
        List<String> args = new ArrayList<>(List.of("trajectory", "--problem", "rosenbrock", "--steps", "3"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("unknown optimizer", rosenbrock("--optimizer", "adamax"),
                        List.of("optimizer = 'adamax' is unknown", "sgd, adam, adamw")),
                Arguments.of("unknown problem",
                        new String[] {"trajectory", "--problem", "nope", "--optimizer", "sgd", "--steps", "1"},
                        List.of("problem = 'nope' is unknown", "rosenbrock, quadratic, sequence, quadratic-rotated")),
                Arguments.of("unknown schedule", rosenbrock("--optimizer", "sgd", "--schedule", "nope"),
                        List.of("schedule = 'nope'")),
                Arguments.of("malformed -p", rosenbrock("--optimizer", "sgd", "-p", "lr"),
                        List.of("-p 'lr'", "KEY=VALUE")),
                Arguments.of("lr = -1", rosenbrock("--optimizer", "sgd", "-p", "lr=-1"),
                        List.of("lr = -1.0", ">= 0")),
                Arguments.of("lr = nan", rosenbrock("--optimizer", "adam", "-p", "lr=nan"),
                        List.of("lr = NaN", "finite")),
                Arguments.of("lr not a number", rosenbrock("--optimizer", "adam", "-p", "lr=fast"),
                        List.of("lr = 'fast'", "number")),
                Arguments.of("betas with 3 values", rosenbrock("--optimizer", "adam", "-p", "betas=0.9,0.99,0.999"),
                        List.of("betas", "exactly 2 values")),
                Arguments.of("beta out of range", rosenbrock("--optimizer", "adamw", "-p", "betas=0.9,1.5"),
                        List.of("betas[1] = 1.5", "[0, 1)")),
                Arguments.of("unknown hyper-parameter", rosenbrock("--optimizer", "sgd", "-p", "betas=0.9,0.999"),
                        List.of("betas", "lr, momentum")),
                Arguments.of("steps -1",
                        new String[] {"trajectory", "--problem", "rosenbrock", "--optimizer", "sgd", "--steps", "-1"},
                        List.of("--steps = -1", ">= 0")),
                Arguments.of("steps not an integer",
                        new String[] {"trajectory", "--problem", "rosenbrock", "--optimizer", "sgd", "--steps", "1.5"},
                        List.of("--steps", "'1.5'")),
                Arguments.of("start with the wrong dimension", rosenbrock("--optimizer", "sgd", "--start", "1,2,3"),
                        List.of("start has 3 coordinates", "dimension 2")),
                Arguments.of("start not numbers", rosenbrock("--optimizer", "sgd", "--start", "1,x"),
                        List.of("--start", "'x' is not a number")),
                Arguments.of("missing sequence file",
                        new String[] {"trajectory", "--problem", "sequence", "-P", "file=" + dir.resolve("none.txt"),
                            "--optimizer", "sgd", "--steps", "1"},
                        List.of("file = ", "no such file")),
                Arguments.of("sequence without file",
                        new String[] {"trajectory", "--problem", "sequence", "--optimizer", "sgd", "--steps", "1"},
                        List.of("file is required")),
                Arguments.of("non-numeric gradient in file",
                        new String[] {"trajectory", "--problem", "sequence", "-P", "file=" + badGradients,
                            "--optimizer", "sgd", "--steps", "1"},
                        List.of("line 2", "'four' is not a number")),
                Arguments.of("more steps than gradients", new String[] {"trajectory", "--problem", "sequence",
                            "-P", "file=" + writeGood(), "--optimizer", "sgd", "--steps", "3"},
                        List.of("--steps = 3", "<= 2")),
                Arguments.of("quadratic curvature <= 0",
                        new String[] {"trajectory", "--problem", "quadratic", "-P", "diag=1,0",
                            "--optimizer", "sgd", "--steps", "1"},
                        List.of("diag[1] = 0.0", "> 0")),
                Arguments.of("clip-norm 0", rosenbrock("--optimizer", "sgd", "--clip-norm", "0"),
                        List.of("--clip-norm = 0.0", "> 0")),
                Arguments.of("clip-value NaN", rosenbrock("--optimizer", "sgd", "--clip-value", "NaN"),
                        List.of("--clip-value = NaN", "> 0")),
                Arguments.of("both clippings", rosenbrock("--optimizer", "sgd", "--clip-norm", "1", "--clip-value", "1"),
                        List.of("--clip-norm and --clip-value", "at most one")),
                Arguments.of("-s without --schedule", rosenbrock("--optimizer", "sgd", "-s", "gamma=0.5"),
                        List.of("-s", "--schedule")),
                Arguments.of("repeated -p", rosenbrock("--optimizer", "sgd", "-p", "lr=0.1", "-p", "lr=0.2"),
                        List.of("-p lr", "twice")),
                Arguments.of("missing --optimizer", rosenbrock(), List.of("--optimizer")),
                Arguments.of("unknown option", rosenbrock("--optimizer", "sgd", "--lr", "0.1"), List.of("--lr")),
                Arguments.of("unknown list", new String[] {"list", "losses"},
                        List.of("'losses'", "optimizers, problems, schedules")),
                Arguments.of("reproduce --epochs 0 (not 'the default')",
                        new String[] {"reproduce", "adam", "--epochs", "0", "--out", "target/descent-never-written"},
                        List.of("--epochs = 0 is invalid: must be an integer >= 1")),
                Arguments.of("reproduce --epochs -3 --quick",
                        new String[] {"reproduce", "adam", "--quick", "--epochs", "-3", "--out", "target/descent-never-written"},
                        List.of("--epochs = -3 is invalid: must be an integer >= 1")),
                Arguments.of("reproduce --seeds 0",
                        new String[] {"reproduce", "all", "--seeds", "0", "--out", "target/descent-never-written"},
                        List.of("--seeds = 0 is invalid: must be an integer >= 1")),
                Arguments.of("reproduce --jobs 0",
                        new String[] {"reproduce", "adam", "--quick", "--jobs", "0", "--out", "target/descent-never-written"},
                        List.of("--jobs = 0 is invalid: must be an integer >= 1")),
                Arguments.of("reproduce --epochs not an integer",
                        new String[] {"reproduce", "adam", "--epochs", "ten", "--out", "target/descent-never-written"},
                        List.of("--epochs", "'ten'")),
                Arguments.of("no command", new String[] {}, List.of("command is required")));
    }

    private static Path writeGood() {
        try {
            Path good = dir.resolve("good.txt");
            Files.writeString(good, "1,2\n3,4\n");
            return good;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputExitsWithTwoAndOneLineNamingTheParameter(String label, String[] args, List<String> expected) {
        CliRun run = CliRun.run(args);
        assertEquals(Main.BAD_INPUT, run.exitCode(), label + ": " + run.err());
        assertEquals("", run.out(), "nothing on stdout");
        assertEquals(1, run.err().lines().count(), "exactly one line on stderr: " + run.err());
        assertTrue(run.err().startsWith("descent"), run.err());
        for (String part : expected) {
            assertTrue(run.err().contains(part), "'" + part + "' in: " + run.err());
        }
        assertFalse(run.err().contains("\tat "), "no stack trace");
    }

    @Test
    void debugAddsTheStackTrace() {
        CliRun run = CliRun.run(rosenbrock("--optimizer", "sgd", "-p", "lr=-1", "--debug"));
        assertEquals(Main.BAD_INPUT, run.exitCode());
        assertTrue(run.err().contains("\tat org.descentlab"), run.err());
    }
}
