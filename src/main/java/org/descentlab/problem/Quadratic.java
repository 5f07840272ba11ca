package org.descentlab.problem;

import org.descentlab.util.Check;
import org.descentlab.util.LinearAlgebra;
import org.descentlab.util.Matrices;

import java.util.Optional;
import java.util.Random;

/**
 * The convex quadratic {@code f(w) = 1/2 w^T A w + b^T w} with {@code A = Q diag(lambda) Q^T}
 * symmetric positive definite: CSC413 L4, slide "Ill-conditioned curvature" (gradient descent multiplies the
 * error along eigenvector {@code q_i} by {@code 1 - alpha lambda_i} each step) and DL1 L4, slide "Recap:
 * Hessian-Based Analysis" (condition number {@code lambda_max / lambda_min}).
 *
 * <p>The gradient is {@code A w + b}, the Hessian {@code A}, the optimum {@code w* = -A^{-1} b}
 * with {@code f(w*) = -1/2 b^T A^{-1} b}. The default start is {@code w* + sum_i q_i}: one unit along
 * every eigenvector, so each regime of CSC413 L4 is visible in its own coordinate.
 */
public final class Quadratic extends AbstractProblem {

    private final double[] eigenvalues;
    private final double[][] q;
    private final double[][] a;
    private final double[] b;
    private final double[] optimum;

    private Quadratic(double[] eigenvalues, double[][] q, double[] b, double[] start) {
        Check.notNull("eigenvalues", eigenvalues);
        if (eigenvalues.length == 0) {
            throw new IllegalArgumentException("eigenvalues must have at least 1 entry");
        }
        for (int i = 0; i < eigenvalues.length; i++) {
            Check.positive("eigenvalues[" + i + "]", eigenvalues[i]);
        }
        int n = eigenvalues.length;
        Matrices.checkOrthogonal("rotation", q);
        if (q.length != n) {
            throw new IllegalArgumentException(
                    "rotation is " + q.length + " x " + q.length + " but there are " + n + " eigenvalues");
        }
        this.b = Check.allFinite("b", b == null ? new double[n] : b).clone();
        if (this.b.length != n) {
            throw new IllegalArgumentException("b has " + this.b.length + " entries but there are " + n + " eigenvalues");
        }
        this.eigenvalues = eigenvalues.clone();
        this.q = Matrices.copy(q);
        this.a = LinearAlgebra.fromEigen(q, eigenvalues);
        // w* = -Q diag(1/lambda) Q^T b, exact up to rounding whatever the conditioning.
        double[] qtb = Matrices.multiply(Matrices.transpose(q), this.b);
        for (int i = 0; i < n; i++) {
            qtb[i] = -qtb[i] / eigenvalues[i];
        }
        this.optimum = Matrices.multiply(q, qtb);
        double[] s;
        if (start == null) {
            s = optimum.clone();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    s[i] += q[i][j];
                }
            }
        } else {
            s = start;
        }
        setStart(s);
    }

    /**
     * A 2-D quadratic whose eigenvector for {@code lambda1} makes angle {@code angle} (radians) with
     * the x axis: {@code Q = [[cos, -sin], [sin, cos]]}.
     *
     * @param b the linear term, or null for 0 (optimum at the origin)
     * @param start the start point, or null for the default {@code w* + q_1 + q_2}
     */
    public static Quadratic rotated2d(double lambda1, double lambda2, double angle, double[] b, double[] start) {
        Check.finite("angle", angle);
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        return new Quadratic(new double[] {lambda1, lambda2}, new double[][] {{c, -s}, {s, c}}, b, start);
    }

    /**
     * {@code A = Q diag(eigenvalues) Q^T} for a given orthogonal {@code Q} (eigenvectors as columns).
     *
     * @param eigenvalues each finite and {@code > 0}
     */
    public static Quadratic withEigenbasis(double[] eigenvalues, double[][] rotation, double[] b, double[] start) {
        return new Quadratic(eigenvalues, rotation, b, start);
    }

    /** Axis-aligned: {@code Q = I}. */
    public static Quadratic diagonal(double[] eigenvalues, double[] b, double[] start) {
        Check.notNull("eigenvalues", eigenvalues);
        return new Quadratic(eigenvalues, Matrices.identity(eigenvalues.length), b, start);
    }

    /**
     * {@code Q} a random rotation from {@code seed}: Gram-Schmidt orthonormalisation of a matrix of
     * standard Gaussian entries (uniformly distributed over the orthogonal group up to column signs).
     */
    public static Quadratic randomRotation(double[] eigenvalues, long seed, double[] b, double[] start) {
        Check.notNull("eigenvalues", eigenvalues);
        return new Quadratic(eigenvalues, randomOrthogonal(eigenvalues.length, seed), b, start);
    }

    /** From a symmetric positive definite matrix {@code A}, decomposed by Jacobi's method. */
    public static Quadratic fromMatrix(double[][] a, double[] b, double[] start) {
        LinearAlgebra.Eigen e = LinearAlgebra.eigenSymmetric(a);
        if (!(e.min() > 0)) {
            throw new IllegalArgumentException(
                    "A must be positive definite: its smallest eigenvalue is " + e.min() + " (must be > 0)");
        }
        return new Quadratic(e.values(), e.vectors(), b, start);
    }

    /** An n x n orthogonal matrix from {@code seed} by Gram-Schmidt on Gaussian columns. */
    public static double[][] randomOrthogonal(int n, long seed) {
        Check.atLeast("n", n, 1);
        Random rng = new Random(seed);
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i][j] = rng.nextGaussian();
            }
        }
        for (int j = 0; j < n; j++) {
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < j; k++) {
                    double d = 0;
                    for (int i = 0; i < n; i++) {
                        d += m[i][j] * m[i][k];
                    }
                    for (int i = 0; i < n; i++) {
                        m[i][j] -= d * m[i][k];
                    }
                }
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                norm += m[i][j] * m[i][j];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                m[i][j] /= norm;
            }
        }
        return m;
    }

    @Override
    public String name() {
        return "quadratic-rotated";
    }

    @Override
    public int dimension() {
        return eigenvalues.length;
    }

    /** The eigenvalues of {@code A} as given (the curvatures along the columns of {@link #rotation()}). */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** {@code Q}: column {@code i} is the eigenvector of {@code eigenvalues()[i]}. */
    public double[][] rotation() {
        return Matrices.copy(q);
    }

    /** The matrix {@code A}. */
    public double[][] matrix() {
        return Matrices.copy(a);
    }

    /** The linear term {@code b}. */
    public double[] linear() {
        return b.clone();
    }

    /** {@code lambda_max / lambda_min}. */
    public double conditionNumber() {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double l : eigenvalues) {
            min = Math.min(min, l);
            max = Math.max(max, l);
        }
        return max / min;
    }

    @Override
    public double loss(double[] w) {
        double[] aw = Matrices.multiply(a, w);
        return 0.5 * Matrices.dot(w, aw) + Matrices.dot(b, w);
    }

    @Override
    public double[] gradient(double[] w, long step) {
        double[] g = Matrices.multiply(a, w);
        for (int i = 0; i < g.length; i++) {
            g[i] += b[i];
        }
        return g;
    }

    @Override
    public Optional<double[][]> hessian(double[] w) {
        return Optional.of(Matrices.copy(a));
    }

    @Override
    public Optional<double[]> optimum() {
        return Optional.of(optimum.clone());
    }
}
