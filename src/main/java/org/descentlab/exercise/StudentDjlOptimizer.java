package org.descentlab.exercise;

import ai.djl.training.optimizer.Optimizer;

/**
 * Exercise 13: makes the student's DJL {@link Optimizer} (SGD with heavy-ball momentum) for given settings,
 * so that the check can build a fresh one per test case, e.g. {@code (lr, momentum) -> new MySgd(lr, momentum)}.
 */
@FunctionalInterface
public interface StudentDjlOptimizer {

    /**
     * @param lr the learning rate
     * @param momentum the momentum mu in [0, 1)
     * @return a new optimizer with no state yet
     */
    Optimizer create(double lr, double momentum);
}
