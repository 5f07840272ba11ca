package org.descentlab.exercise;

/**
 * The first place where a student's values leave the reference's.
 *
 * @param caseName the test case, e.g. {@code random gradients (seed 1)}
 * @param settings the case's hyper-parameters as text
 * @param step the step (for optimizers the 1-based update after which the values are compared; for
 *     schedules the step passed to {@code lr}); -1 where there are no steps
 * @param quantity what is compared, e.g. {@code w[1]}
 * @param expected the reference's value
 * @param actual the student's value
 */
public record Divergence(String caseName, String settings, long step, String quantity, double expected, double actual) {
}
