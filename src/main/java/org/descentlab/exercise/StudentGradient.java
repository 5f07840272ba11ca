package org.descentlab.exercise;

/**
 * A finite-difference gradient (CSC413 L4, slide "Recap": "incorrect gradients", "finite differences"):
 *
 * <pre>{@code
 *   StudentGradient mine = (f, w, h) -> {
 *       double[] g = new double[w.length];
 *       ...
 *       return g;
 *   };
 * }</pre>
 */
@FunctionalInterface
public interface StudentGradient {

    /**
     * @param f the loss
     * @param w the point (leave it as you found it)
     * @param h the step of the difference, {@code > 0}
     * @return the estimated gradient, of the same length as {@code w}
     */
    double[] gradient(ScalarFunction f, double[] w, double h);
}
