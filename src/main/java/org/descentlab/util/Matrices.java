package org.descentlab.util;

/**
 * Checks and elementary operations on dense matrices and vectors ({@code double[][]} row-major,
 * {@code double[]}): shape and symmetry checks, products, transpose, norms. The decompositions and solves
 * built on them are {@link LinearAlgebra}.
 */
public final class Matrices {

    private Matrices() {}

    /** Checks that {@code a} is a non-empty square matrix with finite entries. */
    public static double[][] checkSquare(String name, double[][] a) {
        Check.notNull(name, a);
        if (a.length == 0) {
            throw new IllegalArgumentException(name + " must have at least 1 row");
        }
        for (int i = 0; i < a.length; i++) {
            Check.notNull(name + "[" + i + "]", a[i]);
            if (a[i].length != a.length) {
                throw new IllegalArgumentException(
                        name + " must be square: row " + i + " has " + a[i].length + " entries but there are "
                                + a.length + " rows");
            }
            for (int j = 0; j < a.length; j++) {
                if (!Double.isFinite(a[i][j])) {
                    throw new IllegalArgumentException(
                            name + "[" + i + "][" + j + "] = " + a[i][j] + " is invalid: must be finite");
                }
            }
        }
        return a;
    }

    /** Checks that {@code a} is square, finite and symmetric to relative {@code 1e-10} of its largest entry. */
    public static double[][] checkSymmetric(String name, double[][] a) {
        checkSquare(name, a);
        double scale = Math.max(maxAbs(a), Double.MIN_NORMAL);
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < i; j++) {
                if (Math.abs(a[i][j] - a[j][i]) > 1e-10 * scale) {
                    throw new IllegalArgumentException(
                            name + " must be symmetric: " + name + "[" + i + "][" + j + "] = " + a[i][j] + " but "
                                    + name + "[" + j + "][" + i + "] = " + a[j][i]);
                }
            }
        }
        return a;
    }

    /** {@code A v}. */
    public static double[] multiply(double[][] a, double[] v) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            double s = 0;
            for (int j = 0; j < v.length; j++) {
                s += a[i][j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }

    /** {@code A B}. */
    public static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        double[][] out = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < b.length; k++) {
                double aik = a[i][k];
                for (int j = 0; j < m; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }

    /** {@code A^T}. */
    public static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** The n x n identity. */
    public static double[][] identity(int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            a[i][i] = 1;
        }
        return a;
    }

    /** A deep copy. */
    public static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** The dot product. */
    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** The Euclidean norm. */
    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** The largest absolute entry. */
    public static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double x : row) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    /** The largest absolute entry. */
    public static double maxAbs(double[] a) {
        double m = 0;
        for (double x : a) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** The Frobenius norm. */
    public static double frobenius(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double x : row) {
                s += x * x;
            }
        }
        return Math.sqrt(s);
    }

    /**
     * Checks that the columns of {@code q} are orthonormal: {@code |Q^T Q - I|} below {@code 1e-10} in
     * every entry.
     */
    public static double[][] checkOrthogonal(String name, double[][] q) {
        checkSquare(name, q);
        int n = q.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += q[k][i] * q[k][j];
                }
                double expected = i == j ? 1 : 0;
                if (Math.abs(s - expected) > 1e-10) {
                    throw new IllegalArgumentException(
                            name + " must be orthogonal (Q^T Q = I): column " + i + " . column " + j + " = " + s
                                    + ", expected " + expected);
                }
            }
        }
        return q;
    }

    static void checkLength(String name, double[] v, int n) {
        Check.notNull(name, v);
        if (v.length != n) {
            throw new IllegalArgumentException(name + " has " + v.length + " entries but the matrix is " + n + " x " + n);
        }
    }
}
