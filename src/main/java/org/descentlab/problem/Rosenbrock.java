package org.descentlab.problem;

import org.descentlab.util.Check;

import java.util.Optional;

/**
 * Rosenbrock's valley {@code f(x, y) = (a - x)^2 + b (y - x^2)^2}; minimum 0 at {@code (a, a^2)}. The
 * default {@code a = 1, b = 100} and start {@code (1.5, 1.5)} are those of the reference fixtures.
 */
public final class Rosenbrock extends PlaneProblem {

    private final double a;
    private final double b;

    public Rosenbrock() {
        this(1, 100, new double[] {1.5, 1.5});
    }

    public Rosenbrock(double a, double b, double[] start) {
        super("rosenbrock", start, null);
        this.a = Check.finite("a", a);
        this.b = Check.positive("b", b);
    }

    @Override
    public double loss(double[] w) {
        double x = w[0];
        double y = w[1];
        return (a - x) * (a - x) + b * (y - x * x) * (y - x * x);
    }

    @Override
    public double[] gradient(double[] w, long step) {
        double x = w[0];
        double y = w[1];
        double inner = y - x * x;
        return new double[] {-2 * (a - x) - 4 * b * x * inner, 2 * b * inner};
    }

    /** {@code [[2 - 4b(y - x^2) + 8b x^2, -4b x], [-4b x, 2b]]}. */
    @Override
    public Optional<double[][]> hessian(double[] w) {
        double x = w[0];
        double y = w[1];
        double hxx = 2 - 4 * b * (y - x * x) + 8 * b * x * x;
        double hxy = -4 * b * x;
        return Optional.of(new double[][] {{hxx, hxy}, {hxy, 2 * b}});
    }

    /** The classic view {@code [-2, 2] x [-1, 3]}, widened if the start or optimum lies outside. */
    @Override
    public Optional<PlotWindow> plotWindow() {
        return usualWindow(new PlotWindow(-2, 2, -1, 3));
    }

    @Override
    public Optional<double[]> optimum() {
        return Optional.of(new double[] {a, a * a});
    }
}
