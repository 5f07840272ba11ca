package org.descentlab.problem;

import org.descentlab.util.Check;

import java.util.Arrays;
import java.util.Optional;

/**
 * {@code f(w) = 1/2 sum_i d_i w_i^2}: an axis-aligned quadratic whose Hessian is {@code diag(d)}, the
 * ravine of CSC413 L4 when the {@code d_i} differ a lot (condition number {@code max d / min d}).
 */
public final class DiagonalQuadratic extends AbstractProblem {

    private final double[] diag;

    /** @param diag the curvatures, each finite and {@code > 0} */
    public DiagonalQuadratic(double[] diag, double[] start) {
        Check.notNull("diag", diag);
        if (diag.length == 0) {
            throw new IllegalArgumentException("diag must have at least 1 entry");
        }
        for (int i = 0; i < diag.length; i++) {
            Check.positive("diag[" + i + "]", diag[i]);
        }
        this.diag = diag.clone();
        setStart(start == null ? ones(diag.length) : start);
    }

    public DiagonalQuadratic(double... diag) {
        this(diag, null);
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        return w;
    }

    @Override
    public String name() {
        return "quadratic";
    }

    @Override
    public int dimension() {
        return diag.length;
    }

    /** The curvatures {@code d_i}. */
    public double[] diag() {
        return diag.clone();
    }

    @Override
    public double loss(double[] w) {
        double sum = 0;
        for (int i = 0; i < diag.length; i++) {
            sum += diag[i] * w[i] * w[i];
        }
        return 0.5 * sum;
    }

    @Override
    public double[] gradient(double[] w, long step) {
        double[] g = new double[diag.length];
        for (int i = 0; i < diag.length; i++) {
            g[i] = diag[i] * w[i];
        }
        return g;
    }

    /** {@code diag(d)}, the same everywhere. */
    @Override
    public Optional<double[][]> hessian(double[] w) {
        double[][] h = new double[diag.length][diag.length];
        for (int i = 0; i < diag.length; i++) {
            h[i][i] = diag[i];
        }
        return Optional.of(h);
    }

    @Override
    public Optional<double[]> optimum() {
        return Optional.of(new double[diag.length]);
    }
}
