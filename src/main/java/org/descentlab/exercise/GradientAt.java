package org.descentlab.exercise;

/** The gradient of the loss at any point you ask for (Nesterov asks at the look-ahead point). */
@FunctionalInterface
public interface GradientAt {

    /** The gradient at {@code point} (a new array; {@code point} is not kept). */
    double[] at(double[] point);
}
