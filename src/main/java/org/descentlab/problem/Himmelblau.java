package org.descentlab.problem;

import org.descentlab.util.LinearAlgebra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Himmelblau's function {@code f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2}: four global minima,
 * all with {@code f = 0}, so where an optimizer ends depends on the start (CSC413 L4, slide "Local Minima").
 * The minima are {@code (3, 2)} exactly and, to 6 digits, {@code (-2.805118, 3.131312)},
 * {@code (-3.779310, -3.283186)}, {@code (3.584428, -1.848126)}; {@link #minima()} returns all four
 * refined to machine precision by Newton's method from those values. {@link #optimum()} returns the
 * minimum nearest to the start ({@code (3, 2)} for the default start {@code (0, 0)}; nearest is a
 * convention for tests and plots, not a promise about where every optimizer goes).
 */
public final class Himmelblau extends PlaneProblem {

    private static final List<double[]> MINIMA = refine(new double[][] {
        {3, 2}, {-2.805118, 3.131312}, {-3.779310, -3.283186}, {3.584428, -1.848126}});

    public Himmelblau() {
        this(null);
    }

    /** @param start null for the default {@code (0, 0)} */
    public Himmelblau(double[] start) {
        super("himmelblau", start, new double[] {0, 0});
    }

    @Override
    public double loss(double[] w) {
        double a = w[0] * w[0] + w[1] - 11;
        double b = w[0] + w[1] * w[1] - 7;
        return a * a + b * b;
    }

    /** {@code (4x a + 2b, 2a + 4y b)} with {@code a = x^2 + y - 11}, {@code b = x + y^2 - 7}. */
    @Override
    public double[] gradient(double[] w, long step) {
        return grad(w[0], w[1]);
    }

    private static double[] grad(double x, double y) {
        double a = x * x + y - 11;
        double b = x + y * y - 7;
        return new double[] {4 * x * a + 2 * b, 2 * a + 4 * y * b};
    }

    private static double[][] hess(double x, double y) {
        double hxy = 4 * x + 4 * y;
        return new double[][] {{12 * x * x + 4 * y - 42, hxy}, {hxy, 4 * x + 12 * y * y - 26}};
    }

    /** {@code [[12x^2 + 4y - 42, 4x + 4y], [4x + 4y, 4x + 12y^2 - 26]]}. */
    @Override
    public Optional<double[][]> hessian(double[] w) {
        return Optional.of(hess(w[0], w[1]));
    }

    /** The four minima (copies), in the order of the class documentation. */
    public List<double[]> minima() {
        List<double[]> out = new ArrayList<>();
        for (double[] m : MINIMA) {
            out.add(m.clone());
        }
        return out;
    }

    /** The minimum nearest to the start (see the class documentation). */
    @Override
    public Optional<double[]> optimum() {
        double[] start = start();
        double[] best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (double[] m : MINIMA) {
            double d = Math.hypot(m[0] - start[0], m[1] - start[1]);
            if (d < bestD) {
                bestD = d;
                best = m;
            }
        }
        return Optional.of(best.clone());
    }

    /** {@code [-5, 5]^2}. */
    @Override
    public Optional<PlotWindow> plotWindow() {
        PlotWindow w = new PlotWindow(-5, 5, -5, 5);
        double[] start = start();
        return Optional.of(w.contains(start[0], start[1]) ? w : PlotWindow.around(start, optimum().orElseThrow()));
    }

    private static List<double[]> refine(double[][] guesses) {
        List<double[]> out = new ArrayList<>();
        for (double[] g : guesses) {
            double[] w = g.clone();
            for (int k = 0; k < 20; k++) {
                double[] d = LinearAlgebra.solve(hess(w[0], w[1]), grad(w[0], w[1]));
                w[0] -= d[0];
                w[1] -= d[1];
            }
            out.add(w);
        }
        return Collections.unmodifiableList(out);
    }
}
