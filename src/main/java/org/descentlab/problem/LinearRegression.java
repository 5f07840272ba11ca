package org.descentlab.problem;

import org.descentlab.util.Check;
import org.descentlab.util.LinearAlgebra;
import org.descentlab.util.Matrices;

import java.util.Optional;
import java.util.Random;

/**
 * Least squares {@code f(w, b) = 1/(2n) sum_i (w . x_i + b - t_i)^2} on d input features: CSC413 L4,
 * slide "Ill-conditioned curvature: normalization". Parameters are {@code (w_1, ..., w_d, b)}; the
 * gradient is {@code X~^T r / n} with {@code X~ = [X, 1]} and residuals {@code r}, the Hessian the
 * constant {@code X~^T X~ / n}.
 *
 * <p>Inputs in arbitrary units make that Hessian badly conditioned; {@link #standardized()} gives the
 * same model on {@code x~_j = (x_j - mu_j) / sigma_j} (the slide's formula, {@code sigma_j} the
 * population standard deviation) together with the map between the two parameterizations. Both
 * problems have the same minimum in original units; their condition numbers differ by many orders of
 * magnitude.
 *
 * <p>Two seeded datasets: {@link #deckTable()} mimics the slide's table ({@code x1 ~ 1000},
 * {@code x2 ~ 1005}, each varying by a few units, targets around 3 to 5) and {@link #mixedScales()}
 * features of very different scales ({@code x1 ~ 1000}, {@code x2 ~ 1}), the first slide's question
 * "which weight receives the larger update".
 */
public final class LinearRegression extends AbstractProblem {

    private final double[][] x;
    private final double[] t;
    private final String name;
    private final double[] optimum;

    /**
     * @param x the inputs, n rows of d finite features (n >= d + 1)
     * @param t the n finite targets
     * @param start null for zeros
     */
    public LinearRegression(double[][] x, double[] t, double[] start) {
        this("linear-regression", x, t, start);
    }

    private LinearRegression(String name, double[][] x, double[] t, double[] start) {
        Check.notNull("x", x);
        Check.allFinite("t", t);
        if (x.length == 0 || x.length != t.length) {
            throw new IllegalArgumentException(
                    "x and t must have the same number of rows >= 1, got " + x.length + " and " + t.length);
        }
        int d = Check.notNull("x[0]", x[0]).length;
        if (d < 1) {
            throw new IllegalArgumentException("x must have at least 1 feature (column)");
        }
        if (x.length < d + 1) {
            throw new IllegalArgumentException(
                    "x has " + x.length + " rows: need at least d + 1 = " + (d + 1) + " to fit " + d + " weights and a bias");
        }
        this.x = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            Check.allFinite("x[" + i + "]", x[i]);
            if (x[i].length != d) {
                throw new IllegalArgumentException("x[" + i + "] has " + x[i].length + " features but x[0] has " + d);
            }
            this.x[i] = x[i].clone();
        }
        this.t = t.clone();
        this.name = name;
        setStart(start == null ? new double[d + 1] : start);
        this.optimum = solveViaStandardized();
    }

    /**
     * CSC413 L4's table: n = 50 rows, {@code x1 ~ N(1000, 3^2)}, {@code x2 ~ N(1005, 3^2)},
     * {@code t = 4 + 0.4 (x1 - 1000) + 0.2 (x2 - 1005) + N(0, 0.5^2)}, seed 0.
     */
    public static LinearRegression deckTable() {
        return generate("linear-regression",
                50, new double[] {1000, 1005}, new double[] {3, 3}, new double[] {0.4, 0.2}, 4, 0.5, 0L);
    }

    /**
     * Features of different scales: n = 50, {@code x1 ~ N(1000, 200^2)}, {@code x2 ~ N(1, 0.5^2)},
     * {@code t = 4 + 0.004 (x1 - 1000) + 2 (x2 - 1) + N(0, 0.5^2)}, seed 1.
     */
    public static LinearRegression mixedScales() {
        return generate("linear-regression-mixed",
                50, new double[] {1000, 1}, new double[] {200, 0.5}, new double[] {0.004, 2}, 4, 0.5, 1L);
    }

    /**
     * n rows with independent features {@code x_j ~ N(mean_j, std_j^2)} and targets
     * {@code t = bias + sum_j weights_j (x_j - mean_j) + noise * N(0, 1)}, all draws from {@code seed}.
     */
    public static LinearRegression generate(
            String name, int n, double[] mean, double[] std, double[] weights, double bias, double noise, long seed) {
        Check.allFinite("mean", mean);
        Check.allFinite("std", std);
        Check.allFinite("weights", weights);
        if (std.length != mean.length || weights.length != mean.length) {
            throw new IllegalArgumentException(
                    "mean, std and weights must have the same length, got " + mean.length + ", " + std.length
                            + ", " + weights.length);
        }
        for (int j = 0; j < std.length; j++) {
            Check.positive("std[" + j + "]", std[j]);
        }
        Check.finite("bias", bias);
        Check.nonNegative("noise", noise);
        Check.atLeast("n", n, mean.length + 1);
        Random rng = new Random(seed);
        double[][] x = new double[n][mean.length];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            double ti = bias;
            for (int j = 0; j < mean.length; j++) {
                x[i][j] = mean[j] + std[j] * rng.nextGaussian();
                ti += weights[j] * (x[i][j] - mean[j]);
            }
            t[i] = ti + noise * rng.nextGaussian();
        }
        return new LinearRegression(Check.notNull("name", name), x, t, null);
    }

    /** The problem on standardized inputs and the maps between its parameters and the original ones. */
    public record Standardized(LinearRegression problem, double[] mean, double[] std) {

        /** {@code w_j = w~_j / sigma_j}, {@code b = b~ - sum_j w~_j mu_j / sigma_j}. */
        public double[] toOriginal(double[] standardized) {
            int d = mean.length;
            double[] w = new double[d + 1];
            double b = standardized[d];
            for (int j = 0; j < d; j++) {
                w[j] = standardized[j] / std[j];
                b -= standardized[j] * mean[j] / std[j];
            }
            w[d] = b;
            return w;
        }

        /** {@code w~_j = w_j sigma_j}, {@code b~ = b + sum_j w_j mu_j}. */
        public double[] toStandardized(double[] original) {
            int d = mean.length;
            double[] w = new double[d + 1];
            double b = original[d];
            for (int j = 0; j < d; j++) {
                w[j] = original[j] * std[j];
                b += original[j] * mean[j];
            }
            w[d] = b;
            return w;
        }
    }

    /**
     * The same data with each feature centred and scaled to unit (population) variance; its start is
     * this problem's start mapped over.
     *
     * @throws IllegalArgumentException if a feature is constant (standard deviation 0)
     */
    public Standardized standardized() {
        int n = x.length;
        int d = x[0].length;
        double[] mu = featureMeans();
        double[] sd = featureDeviations(mu);
        for (int j = 0; j < d; j++) {
            if (!(sd[j] > 0)) {
                throw new IllegalArgumentException("feature " + j + " is constant: it cannot be standardized");
            }
        }
        double[][] z = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                z[i][j] = (x[i][j] - mu[j]) / sd[j];
            }
        }
        Standardized mapping = new Standardized(null, mu, sd);
        LinearRegression p = new LinearRegression(name + "-standardized", z, t, mapping.toStandardized(start()));
        return new Standardized(p, mu, sd);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return x[0].length + 1;
    }

    /** The inputs (a copy). */
    public double[][] inputs() {
        return Matrices.copy(x);
    }

    /** The targets (a copy). */
    public double[] targets() {
        return t.clone();
    }

    private double residual(double[] w, int i) {
        int d = x[0].length;
        double s = w[d];
        for (int j = 0; j < d; j++) {
            s += w[j] * x[i][j];
        }
        return s - t[i];
    }

    @Override
    public double loss(double[] w) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = residual(w, i);
            s += r * r;
        }
        return s / (2 * x.length);
    }

    @Override
    public double[] gradient(double[] w, long step) {
        int d = x[0].length;
        double[] g = new double[d + 1];
        for (int i = 0; i < x.length; i++) {
            double r = residual(w, i);
            for (int j = 0; j < d; j++) {
                g[j] += r * x[i][j];
            }
            g[d] += r;
        }
        for (int j = 0; j <= d; j++) {
            g[j] /= x.length;
        }
        return g;
    }

    /** {@code X~^T X~ / n}, the same at every {@code w}. */
    @Override
    public Optional<double[][]> hessian(double[] w) {
        return Optional.of(normalMatrix());
    }

    private double[][] normalMatrix() {
        int d = x[0].length;
        double[][] h = new double[d + 1][d + 1];
        for (double[] row : x) {
            for (int j = 0; j <= d; j++) {
                double xj = j < d ? row[j] : 1;
                for (int k = 0; k <= d; k++) {
                    h[j][k] += xj * (k < d ? row[k] : 1);
                }
            }
        }
        for (int j = 0; j <= d; j++) {
            for (int k = 0; k <= d; k++) {
                h[j][k] /= x.length;
            }
        }
        return h;
    }

    /** {@code lambda_max / lambda_min} of the Hessian (Jacobi eigenvalues). */
    public double conditionNumber() {
        LinearAlgebra.Eigen e = LinearAlgebra.eigenSymmetric(normalMatrix());
        return e.max() / e.min();
    }

    /**
     * The least-squares solution, computed on standardized inputs (well conditioned) and mapped back,
     * so it is accurate even when this problem's own normal equations are not.
     */
    @Override
    public Optional<double[]> optimum() {
        return Optional.of(optimum.clone());
    }

    /** The mean of each feature (column of x). */
    private double[] featureMeans() {
        double[] mu = new double[x[0].length];
        for (double[] row : x) {
            for (int j = 0; j < mu.length; j++) {
                mu[j] += row[j];
            }
        }
        for (int j = 0; j < mu.length; j++) {
            mu[j] /= x.length;
        }
        return mu;
    }

    /** The population standard deviation of each feature about {@code mu} (0 for a constant feature). */
    private double[] featureDeviations(double[] mu) {
        double[] sd = new double[mu.length];
        for (double[] row : x) {
            for (int j = 0; j < mu.length; j++) {
                sd[j] += (row[j] - mu[j]) * (row[j] - mu[j]);
            }
        }
        for (int j = 0; j < mu.length; j++) {
            sd[j] = Math.sqrt(sd[j] / x.length);
        }
        return sd;
    }

    private double[] solveViaStandardized() {
        int n = x.length;
        int d = x[0].length;
        double[] mu = featureMeans();
        double[] sd = featureDeviations(mu);
        for (int j = 0; j < d; j++) {
            sd[j] = sd[j] > 0 ? sd[j] : 1;   // a constant feature: no division by 0 (its column of z is 0)
        }
        double[][] h = new double[d + 1][d + 1];
        double[] rhs = new double[d + 1];
        for (int i = 0; i < n; i++) {
            double[] z = new double[d + 1];
            for (int j = 0; j < d; j++) {
                z[j] = (x[i][j] - mu[j]) / sd[j];
            }
            z[d] = 1;
            for (int j = 0; j <= d; j++) {
                rhs[j] += z[j] * t[i];
                for (int k = 0; k <= d; k++) {
                    h[j][k] += z[j] * z[k];
                }
            }
        }
        double[] ws;
        try {
            ws = LinearAlgebra.solveSpd(h, rhs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "the features are linearly dependent (with the bias): the least-squares solution is not unique", e);
        }
        return new Standardized(null, mu, sd).toOriginal(ws);
    }
}
