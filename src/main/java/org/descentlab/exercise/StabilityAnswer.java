package org.descentlab.exercise;

import org.descentlab.analysis.Hessians.Regime;

import java.util.Arrays;
import java.util.List;

/**
 * The answer to the learning-rate exercise: a learning rate and, for each eigen-direction of the
 * Hessian in order of increasing eigenvalue, the regime gradient descent will show there.
 *
 * @param alpha the learning rate you chose
 * @param regimes your predicted regime per eigen-direction, smallest eigenvalue first
 * @param explanation a sentence on why (shown back with the check, not graded)
 */
public record StabilityAnswer(double alpha, List<Regime> regimes, String explanation) {

    /** An answer without explanation. */
    public static StabilityAnswer of(double alpha, Regime... regimes) {
        return new StabilityAnswer(alpha, regimes == null ? null : Arrays.asList(regimes), "");
    }
}
