package org.descentlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.descentlab.analysis.TrajectoryRunner;
import org.descentlab.problem.GradientSequence;
import org.descentlab.problem.Problem;

/** Small helpers for the optimizer tests: runs in float64 and relative comparisons. */
final class Runs {

    private Runs() {}

    /** The parameters w_0..w_steps of {@code optimizer} on {@code problem} from its start. */
    static double[][] run(DescentOptimizer optimizer, Problem problem, int steps) {
        return TrajectoryRunner.run(problem, optimizer, null, problem.start(), steps).params();
    }

    /** The parameters after replaying {@code gradients} from {@code start}. */
    static double[][] replay(DescentOptimizer optimizer, double[] start, double[]... gradients) {
        return run(optimizer, new GradientSequence(gradients, start), gradients.length);
    }

    /** |actual - expected| <= rel * max(|expected|, 1e-300), with a message naming the place. */
    static void assertRelative(double expected, double actual, double rel, String where) {
        double scale = Math.max(Math.abs(expected), 1e-300);
        if (!(Math.abs(actual - expected) <= rel * scale)) {
            assertEquals(expected, actual, rel * scale, where + " (relative tolerance " + rel + ")");
        }
    }

    /** Every coordinate of every step agrees to relative {@code rel}. */
    static void assertTrajectories(double[][] expected, double[][] actual, double rel) {
        assertEquals(expected.length, actual.length, "number of steps");
        for (int k = 0; k < expected.length; k++) {
            for (int j = 0; j < expected[k].length; j++) {
                assertRelative(expected[k][j], actual[k][j], rel, "w" + j + " at step " + k);
            }
        }
    }
}
