package org.descentlab.problem;

import java.util.Optional;

/**
 * The banana-shaped valley {@code f(x, y) = (1 - x)^2 + 20 (3y - x^2)^2} after Goh (2017), "Why
 * Momentum Really Works" (Distill), referenced in STAT 453 L12. Both squares vanish only at
 * {@code x = 1, 3y = x^2}, so the minimum is {@code f = 0} at {@code (1, 1/3)}; the Hessian there is
 * {@code [[162, -240], [-240, 360]]} (eigenvalues {@code 261 -+ sqrt(67401)}, about 1.38 and 520.6: condition
 * number about 376). Default start
 * {@code (-1, 1)}, on the far side of the curved valley.
 */
public final class Banana extends PlaneProblem {

    public Banana() {
        this(new double[] {-1, 1});
    }

    public Banana(double[] start) {
        super("banana", start, new double[] {-1, 1});
    }

    @Override
    public double loss(double[] w) {
        double x = w[0];
        double u = 3 * w[1] - x * x;
        return (1 - x) * (1 - x) + 20 * u * u;
    }

    /** {@code (-2(1 - x) - 80 x (3y - x^2), 120 (3y - x^2))}. */
    @Override
    public double[] gradient(double[] w, long step) {
        double x = w[0];
        double u = 3 * w[1] - x * x;
        return new double[] {-2 * (1 - x) - 80 * x * u, 120 * u};
    }

    /** {@code [[2 - 80(3y - x^2) + 160 x^2, -240 x], [-240 x, 360]]}. */
    @Override
    public Optional<double[][]> hessian(double[] w) {
        double x = w[0];
        double u = 3 * w[1] - x * x;
        double hxy = -240 * x;
        return Optional.of(new double[][] {{2 - 80 * u + 160 * x * x, hxy}, {hxy, 360}});
    }

    @Override
    public Optional<double[]> optimum() {
        return Optional.of(new double[] {1, 1.0 / 3});
    }

    /** {@code [-2, 2] x [-0.5, 1.5]} (widened if the start lies outside). */
    @Override
    public Optional<PlotWindow> plotWindow() {
        return usualWindow(new PlotWindow(-2, 2, -0.5, 1.5));
    }
}
