package org.descentlab.problem;

import java.util.Optional;

/**
 * Beale's function {@code f(x, y) = (1.5 - x + xy)^2 + (2.25 - x + xy^2)^2 + (2.625 - x + xy^3)^2},
 * a standard optimizer test surface with flat regions and steep walls; global minimum {@code f = 0} at
 * {@code (3, 0.5)} (each bracket vanishes there: 1.5 - 3 + 1.5, 2.25 - 3 + 0.75, 2.625 - 3 + 0.375).
 * Usual view {@code [-4.5, 4.5]^2}; default start {@code (1, 1.5)}.
 */
public final class Beale extends PlaneProblem {

    private static final double[] C = {1.5, 2.25, 2.625};

    public Beale() {
        this(null);
    }

    /** @param start null for the default {@code (1, 1.5)} */
    public Beale(double[] start) {
        super("beale", start, new double[] {1, 1.5});
    }

    @Override
    public String name() {
        return "beale";
    }

    /** Bracket {@code k = 1, 2, 3}: {@code t_k = c_k - x + x y^k}. */
    private static double t(double x, double y, int k) {
        return C[k - 1] - x + x * Math.pow(y, k);
    }

    @Override
    public double loss(double[] w) {
        double s = 0;
        for (int k = 1; k <= 3; k++) {
            double t = t(w[0], w[1], k);
            s += t * t;
        }
        return s;
    }

    /** {@code sum_k 2 t_k grad t_k}, {@code grad t_k = (y^k - 1, k x y^(k-1))}. */
    @Override
    public double[] gradient(double[] w, long step) {
        double x = w[0];
        double y = w[1];
        double gx = 0;
        double gy = 0;
        for (int k = 1; k <= 3; k++) {
            double t = t(x, y, k);
            gx += 2 * t * (Math.pow(y, k) - 1);
            gy += 2 * t * k * x * Math.pow(y, k - 1);
        }
        return new double[] {gx, gy};
    }

    /**
     * {@code sum_k 2 (grad t_k grad t_k^T + t_k hess t_k)} with
     * {@code hess t_k = [[0, k y^(k-1)], [k y^(k-1), k (k-1) x y^(k-2)]]}.
     */
    @Override
    public Optional<double[][]> hessian(double[] w) {
        double x = w[0];
        double y = w[1];
        double hxx = 0;
        double hxy = 0;
        double hyy = 0;
        for (int k = 1; k <= 3; k++) {
            double t = t(x, y, k);
            double dx = Math.pow(y, k) - 1;
            double dy = k * x * Math.pow(y, k - 1);
            double dxy = k * Math.pow(y, k - 1);
            double dyy = k == 1 ? 0 : k * (k - 1) * x * Math.pow(y, k - 2);
            hxx += 2 * dx * dx;
            hxy += 2 * (dx * dy + t * dxy);
            hyy += 2 * (dy * dy + t * dyy);
        }
        return Optional.of(new double[][] {{hxx, hxy}, {hxy, hyy}});
    }

    @Override
    public Optional<double[]> optimum() {
        return Optional.of(new double[] {3, 0.5});
    }

    /** {@code [-4.5, 4.5]^2}. */
    @Override
    public Optional<PlotWindow> plotWindow() {
        return usualWindow(new PlotWindow(-4.5, 4.5, -4.5, 4.5));
    }
}
