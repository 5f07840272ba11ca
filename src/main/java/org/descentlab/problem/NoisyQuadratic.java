package org.descentlab.problem;

import org.descentlab.util.Check;
import org.descentlab.util.LinearAlgebra;
import org.descentlab.util.Matrices;

import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * CTU DLE L7, slide "Batches": {@code f(w) = 1/(2N) sum_{i=1..N} (w - w_i)^T A (w - w_i)}, a quadratic
 * bowl averaged over N = 1000 "data points" {@code w_i}, the toy on which the lecture compares full-batch
 * gradient descent with SGD on one random {@code i}.
 *
 * <p>With the mean {@code m = 1/N sum_i w_i}: full gradient {@code A (w - m)} (the slide writes the
 * sum without the factor 2 of the derivative of the quadratic form; for symmetric {@code A} the
 * derivative of {@code 1/2 (w - w_i)^T A (w - w_i)} is {@code A (w - w_i)}), Hessian {@code A},
 * optimum {@code m}, and {@code f(w) = 1/2 (w - m)^T A (w - m) + f(m)} where
 * {@code f(m) = 1/(2N) sum_i (w_i - m)^T A (w_i - m)}. A mini-batch gradient is
 * {@code A (w - mean of the batch's w_i)} for a batch drawn without replacement; its covariance is
 * {@code A C A / B * (N - B) / (N - 1)} with {@code C} the population covariance of the {@code w_i}
 * (CSC413 L4, the mini-batch variance Var = sigma^2 / S on the mini-batch slides, with the finite-population factor of sampling without replacement).
 *
 * <p>Default: 2-D, {@code A} with eigenvalues 1 and 10 rotated by 30 degrees, {@code w_i ~ N(c,
 * sigma^2 I)} with centre {@code c = (1, 1)}, {@code sigma = 1}, N = 1000, seed 0, start {@code (-2, 3)}.
 */
public final class NoisyQuadratic extends AbstractProblem implements StochasticProblem {

    private final double[][] a;
    private final double[][] points;
    private final double[] mean;
    private final double floor;

    /** The default problem described above. */
    public NoisyQuadratic() {
        this(Quadratic.rotated2d(1, 10, Math.PI / 6, null, null).matrix(), new double[] {1, 1}, 1.0, 1000, 0L,
                new double[] {-2, 3});
    }

    /**
     * Samples {@code n} points {@code w_i ~ N(centre, sigma^2 I)} from {@code seed}.
     *
     * @param a symmetric positive definite
     * @param sigma the spread of the points, finite and {@code >= 0}
     * @param n the number of points, {@code >= 1}
     * @param start the start point, or null for {@code centre + (-3, 2, 0, ...)}
     */
    public NoisyQuadratic(double[][] a, double[] centre, double sigma, int n, long seed, double[] start) {
        this(a, samplePoints(centre, sigma, n, seed), start == null ? defaultStart(centre) : start);
    }

    /** With explicit points {@code w_i} (rows, each finite, of {@code A}'s dimension). */
    public NoisyQuadratic(double[][] a, double[][] points, double[] start) {
        LinearAlgebra.Eigen e = LinearAlgebra.eigenSymmetric(a);
        if (!(e.min() > 0)) {
            throw new IllegalArgumentException(
                    "A must be positive definite: its smallest eigenvalue is " + e.min() + " (must be > 0)");
        }
        int d = a.length;
        Check.notNull("points", points);
        if (points.length < 1) {
            throw new IllegalArgumentException("points must hold at least 1 point");
        }
        this.a = Matrices.copy(a);
        this.points = new double[points.length][];
        this.mean = new double[d];
        for (int i = 0; i < points.length; i++) {
            Check.allFinite("points[" + i + "]", points[i]);
            if (points[i].length != d) {
                throw new IllegalArgumentException(
                        "points[" + i + "] has " + points[i].length + " coordinates but A is " + d + " x " + d);
            }
            this.points[i] = points[i].clone();
            for (int j = 0; j < d; j++) {
                mean[j] += points[i][j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= points.length;
        }
        double f = 0;
        for (double[] p : this.points) {
            double[] r = new double[d];
            for (int j = 0; j < d; j++) {
                r[j] = p[j] - mean[j];
            }
            f += Matrices.dot(r, Matrices.multiply(this.a, r));
        }
        this.floor = 0.5 * f / points.length;
        setStart(start);
    }

    private static double[] defaultStart(double[] centre) {
        Check.notNull("centre", centre);
        double[] s = centre.clone();
        if (s.length > 0) {
            s[0] -= 3;
        }
        if (s.length > 1) {
            s[1] += 2;
        }
        return s;
    }

    private static double[][] samplePoints(double[] centre, double sigma, int n, long seed) {
        Check.allFinite("centre", centre);
        Check.nonNegative("sigma", sigma);
        Check.atLeast("n", n, 1);
        Random rng = new Random(seed);
        double[][] p = new double[n][centre.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < centre.length; j++) {
                p[i][j] = centre[j] + sigma * rng.nextGaussian();
            }
        }
        return p;
    }

    @Override
    public String name() {
        return "noisy-quadratic";
    }

    @Override
    public int dimension() {
        return a.length;
    }

    @Override
    public int dataSize() {
        return points.length;
    }

    /** The matrix {@code A}. */
    public double[][] matrix() {
        return Matrices.copy(a);
    }

    /** The data points {@code w_i} (a copy). */
    public double[][] points() {
        return Matrices.copy(points);
    }

    @Override
    public double loss(double[] w) {
        double[] r = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            r[j] = w[j] - mean[j];
        }
        return 0.5 * Matrices.dot(r, Matrices.multiply(a, r)) + floor;
    }

    /** The full-batch gradient {@code A (w - m)}. */
    @Override
    public double[] gradient(double[] w, long step) {
        return towards(w, mean);
    }

    /** The gradient of example {@code i} alone: {@code A (w - w_i)}. */
    public double[] exampleGradient(double[] w, int i) {
        if (i < 0 || i >= points.length) {
            throw new IllegalArgumentException(
                    "i = " + i + " is invalid: must be an integer in [0, " + (points.length - 1) + "]");
        }
        return towards(w, points[i]);
    }

    @Override
    public double[] minibatchGradient(double[] w, int batchSize, RandomGenerator rng) {
        checkPoint("w", w);
        checkBatchSize(batchSize);
        Check.notNull("rng", rng);
        int[] idx = StochasticProblem.sampleWithoutReplacement(points.length, batchSize, rng);
        double[] m = new double[w.length];
        for (int i : idx) {
            for (int j = 0; j < m.length; j++) {
                m[j] += points[i][j];
            }
        }
        for (int j = 0; j < m.length; j++) {
            m[j] /= batchSize;
        }
        return towards(w, m);
    }

    /**
     * The exact variance of each coordinate of {@link #minibatchGradient} for batch size {@code B}:
     * {@code diag(A C A) / B * (N - B) / (N - 1)}, {@code C} the population covariance
     * {@code 1/N sum_i (w_i - m)(w_i - m)^T}. It does not depend on {@code w}.
     */
    public double[] minibatchGradientVariance(int batchSize) {
        checkBatchSize(batchSize);
        int d = a.length;
        int n = points.length;
        double[] var = new double[d];
        for (double[] p : points) {
            double[] r = new double[d];
            for (int j = 0; j < d; j++) {
                r[j] = p[j] - mean[j];
            }
            double[] ar = Matrices.multiply(a, r);
            for (int j = 0; j < d; j++) {
                var[j] += ar[j] * ar[j];
            }
        }
        double factor = n == 1 ? 0 : (double) (n - batchSize) / (n - 1);
        for (int j = 0; j < d; j++) {
            var[j] = var[j] / n / batchSize * factor;
        }
        return var;
    }

    private double[] towards(double[] w, double[] target) {
        double[] r = new double[w.length];
        for (int j = 0; j < w.length; j++) {
            r[j] = w[j] - target[j];
        }
        return Matrices.multiply(a, r);
    }

    @Override
    public Optional<double[][]> hessian(double[] w) {
        return Optional.of(Matrices.copy(a));
    }

    /** The mean of the points {@code w_i}. */
    @Override
    public Optional<double[]> optimum() {
        return Optional.of(mean.clone());
    }
}
