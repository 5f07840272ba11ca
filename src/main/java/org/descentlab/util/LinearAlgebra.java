package org.descentlab.util;

import java.util.Arrays;

/**
 * The little dense linear algebra the toy problems and their analysis need, in plain Java on
 * {@code double[][]} (row-major): a cyclic Jacobi eigen-decomposition for symmetric matrices, its
 * inverse {@code Q diag(d) Q^T}, Cholesky and Gaussian elimination solves ({@link Matrices} has the
 * checks and products). Sizes here are a handful of parameters, so clarity beats speed.
 */
public final class LinearAlgebra {

    private LinearAlgebra() {}

    /**
     * The spectral decomposition {@code A = Q diag(values) Q^T} of a symmetric matrix.
     *
     * @param values the eigenvalues in ascending order
     * @param vectors the orthonormal eigenvectors as columns: {@code vectors[i][j]} is entry {@code i}
     *     of the eigenvector for {@code values[j]}
     */
    public record Eigen(double[] values, double[][] vectors) {

        /** The eigenvector of {@code values[j]} as a fresh array. */
        public double[] vector(int j) {
            double[] v = new double[vectors.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = vectors[i][j];
            }
            return v;
        }

        /** The smallest eigenvalue. */
        public double min() {
            return values[0];
        }

        /** The largest eigenvalue. */
        public double max() {
            return values[values.length - 1];
        }
    }

    /**
     * Eigenvalues and eigenvectors of a symmetric matrix by the cyclic Jacobi method: sweep over all
     * off-diagonal pairs {@code (p, q)}, zeroing each with a plane rotation, until the off-diagonal
     * mass is below {@code 1e-15} of the matrix norm (quadratic convergence: a few sweeps for {@code n <= 10}).
     * The input is symmetrised as {@code (A + A^T) / 2} after {@link Matrices#checkSymmetric}.
     */
    public static Eigen eigenSymmetric(double[][] matrix) {
        Matrices.checkSymmetric("matrix", matrix);
        int n = matrix.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = 0.5 * (matrix[i][j] + matrix[j][i]);
            }
        }
        double[][] v = Matrices.identity(n);
        double norm = Matrices.frobenius(a);
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (Math.sqrt(off) <= 1e-15 * norm || off == 0) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    // Rotation angle that zeroes a[p][q]: tan(2 theta) = 2 a_pq / (a_qq - a_pp).
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        final double[][] d = a;
        Arrays.sort(order, (x, y) -> Double.compare(d[x][x], d[y][y]));
        double[] values = new double[n];
        double[][] vectors = new double[n][n];
        for (int j = 0; j < n; j++) {
            values[j] = a[order[j]][order[j]];
            for (int i = 0; i < n; i++) {
                vectors[i][j] = v[i][order[j]];
            }
        }
        return new Eigen(values, vectors);
    }

    /**
     * The lower-triangular {@code L} with {@code A = L L^T}.
     *
     * @throws IllegalArgumentException if {@code A} is not (numerically) positive definite, naming the
     *     pivot that failed
     */
    public static double[][] cholesky(double[][] a) {
        Matrices.checkSquare("matrix", a);
        int n = a.length;
        double[][] l = new double[n][n];
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            for (int k = 0; k < j; k++) {
                d -= l[j][k] * l[j][k];
            }
            if (!(d > 0)) {
                throw new IllegalArgumentException(
                        "matrix is not positive definite: Cholesky pivot " + j + " = " + d + " (must be > 0)");
            }
            l[j][j] = Math.sqrt(d);
            for (int i = j + 1; i < n; i++) {
                double s = a[i][j];
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                l[i][j] = s / l[j][j];
            }
        }
        return l;
    }

    /** Solves {@code A x = b} for a symmetric positive definite {@code A} by Cholesky. */
    public static double[] solveSpd(double[][] a, double[] b) {
        double[][] l = cholesky(a);
        int n = a.length;
        Matrices.checkLength("b", b, n);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        return backSubstitution(Matrices.transpose(l), y);
    }

    /** Solves {@code U x = y} for an upper-triangular {@code U} with a non-zero diagonal. */
    private static double[] backSubstitution(double[][] u, double[] y) {
        int n = y.length;
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= u[i][k] * x[k];
            }
            x[i] = s / u[i][i];
        }
        return x;
    }

    /**
     * Solves {@code A x = b} by Gaussian elimination with partial pivoting.
     *
     * @throws IllegalArgumentException if {@code A} is singular (a pivot is exactly 0 or below
     *     {@code 1e-14} of the largest entry)
     */
    public static double[] solve(double[][] a, double[] b) {
        Matrices.checkSquare("matrix", a);
        int n = a.length;
        Matrices.checkLength("b", b, n);
        double[][] m = Matrices.copy(a);
        double[] x = b.clone();
        double scale = Math.max(Matrices.maxAbs(a), Double.MIN_NORMAL);
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (!(Math.abs(m[pivot][col]) > 1e-14 * scale)) {
                throw new IllegalArgumentException(
                        "matrix is singular: no usable pivot in column " + col + " (largest |entry| "
                                + Math.abs(m[pivot][col]) + ")");
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            double tb = x[col];
            x[col] = x[pivot];
            x[pivot] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                if (f != 0) {
                    for (int c = col; c < n; c++) {
                        m[r][c] -= f * m[col][c];
                    }
                    x[r] -= f * x[col];
                }
            }
        }
        return backSubstitution(m, x);
    }

    /** {@code Q diag(d) Q^T}, made exactly symmetric. */
    public static double[][] fromEigen(double[][] q, double[] d) {
        int n = d.length;
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += q[i][k] * d[k] * q[j][k];
                }
                a[i][j] = s;
                a[j][i] = s;
            }
        }
        return a;
    }

}
