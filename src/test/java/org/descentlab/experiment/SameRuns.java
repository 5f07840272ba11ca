package org.descentlab.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.descentlab.optim.OptimizerState;
import org.descentlab.train.Checkpoint;
import org.descentlab.train.EpochMetrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Asserts that two reproduce output directories hold the same finished run bit for bit: final
 * parameters (with BatchNorm statistics), optimizer and schedule state, every per-epoch metric but the
 * wall time, and the test accuracy.
 */
final class SameRuns {

    private SameRuns() {}

    static void assertSame(Path expected, Path actual, String run, int seedIndex, int epochs) throws IOException {
        String stem = run + "-seed" + seedIndex;
        Checkpoint a = Checkpoint.load(expected.resolve("checkpoints").resolve(stem).resolve(Checkpoint.fileName(run, epochs)));
        Checkpoint b = Checkpoint.load(actual.resolve("checkpoints").resolve(stem).resolve(Checkpoint.fileName(run, epochs)));
        assertEquals(epochs, b.epochsDone(), stem);
        assertArrayEquals(a.parameters(), b.parameters(), stem + ": final parameters, byte for byte");
        // compared as maps: a resumed optimizer lists its parameters in another order
        OptimizerState sa = OptimizerState.fromBytes(a.optimizerState());
        OptimizerState sb = OptimizerState.fromBytes(b.optimizerState());
        assertEquals(sa.params(), sb.params(), stem + ": optimizer state per parameter");
        assertEquals(sa.scalars(), sb.scalars(), stem + ": optimizer scalars");
        assertEquals(sa.hyperParameters(), sb.hyperParameters(), stem + ": optimizer hyper-parameters");
        assertArrayEquals(a.scheduleState(), b.scheduleState(), stem + ": schedule state");
        assertEquals(withoutTime(a.metrics()), withoutTime(b.metrics()), stem + ": metrics of every epoch");
        assertEquals(testAccuracy(expected, stem), testAccuracy(actual, stem), stem + ": test accuracy");
        assertEquals(csvWithoutSeconds(expected, stem), csvWithoutSeconds(actual, stem), stem + ".csv");
    }

    private static List<EpochMetrics> withoutTime(List<EpochMetrics> rows) {
        return rows.stream().map(EpochMetrics::withoutTime).toList();
    }

    static String testAccuracy(Path dir, String stem) throws IOException {
        return Files.readAllLines(dir.resolve(stem + ".done")).stream().filter(l -> l.startsWith("test_accuracy="))
                .findFirst().orElseThrow();
    }

    private static String csvWithoutSeconds(Path dir, String stem) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(stem + ".csv"));
        int col = Arrays.asList(lines.get(0).split(",")).indexOf("seconds");
        assertTrue(col >= 0, lines.get(0));
        return lines.stream().map(l -> {
            List<String> cells = new java.util.ArrayList<>(Arrays.asList(l.split(",", -1)));
            cells.remove(col);
            return String.join(",", cells);
        }).collect(Collectors.joining("\n"));
    }
}
