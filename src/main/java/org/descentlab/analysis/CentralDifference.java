package org.descentlab.analysis;

import java.util.function.ToDoubleFunction;

/**
 * The two points of a central difference along one coordinate, {@code w + h e_i} and {@code w - h e_i},
 * with the step {@code h = step * max(1, |w_i|)} (relative for large coordinates) that gradient checks
 * and finite-difference Hessians share. {@code width} is {@code plus[i] - minus[i]} as the doubles hold
 * it, so the quotient uses the step actually taken.
 */
record CentralDifference(double[] plus, double[] minus, double width) {

    /** The points around {@code w} along coordinate {@code i}, for relative step {@code step}. */
    static CentralDifference along(double[] w, int i, double step) {
        double h = step * Math.max(1, Math.abs(w[i]));
        double[] plus = w.clone();
        double[] minus = w.clone();
        plus[i] += h;
        minus[i] -= h;
        return new CentralDifference(plus, minus, plus[i] - minus[i]);
    }

    /** {@code (f(plus) - f(minus)) / width}: the derivative of {@code f} along the coordinate. */
    double of(ToDoubleFunction<double[]> f) {
        return (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / width;
    }
}
