package org.descentlab.exercise;

/** A loss {@code f: R^n -> R}. */
@FunctionalInterface
public interface ScalarFunction {

    /** {@code f(w)}; {@code w} is not kept or changed. */
    double value(double[] w);
}
