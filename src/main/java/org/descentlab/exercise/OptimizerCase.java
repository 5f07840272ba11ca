package org.descentlab.exercise;

import org.descentlab.problem.GradientSequence;
import org.descentlab.problem.Problem;

import java.util.Random;

/**
 * A test case of an optimizer exercise: a problem (a landscape, or a replayed gradient sequence), a
 * start, a number of steps and the hyper-parameters.
 *
 * @param name e.g. {@code first step}
 * @param problem supplies the gradients
 * @param start the start point
 * @param steps the number of updates
 * @param hyper the hyper-parameters
 */
record OptimizerCase(String name, Problem problem, double[] start, int steps, Hyper hyper)
        implements ComparisonExercise.Case {

    @Override
    public String settings() {
        return hyper + ", " + steps + (steps == 1 ? " step" : " steps");
    }

    /** A case replaying the given gradients. */
    static OptimizerCase replay(String name, double[] start, Hyper hyper, double[]... gradients) {
        return new OptimizerCase(name, new GradientSequence(gradients, start), start, gradients.length, hyper);
    }

    /** A case on a landscape from its default start. */
    static OptimizerCase on(String name, Problem problem, int steps, Hyper hyper) {
        return new OptimizerCase(name, problem, problem.start(), steps, hyper);
    }

    /** {@code steps} Gaussian gradients of {@code n} coordinates times {@code scale}, from {@code seed}. */
    static double[][] gaussian(long seed, int steps, int n, double scale) {
        Random rng = new Random(seed);
        double[][] g = new double[steps][n];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < n; i++) {
                g[t][i] = scale * rng.nextGaussian();
            }
        }
        return g;
    }
}
