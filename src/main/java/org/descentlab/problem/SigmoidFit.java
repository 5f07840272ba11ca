package org.descentlab.problem;

import org.descentlab.util.Check;

import java.util.Optional;
import java.util.Random;

/**
 * Fitting one logistic unit {@code y = sigmoid(w1 x + w2)} to data by mean squared error,
 * {@code f(w) = 1/n sum_i (sigmoid(w1 x_i + w2) - y_i)^2}: CTU DLE L7, slides "Gradient Descent using
 * randomized batches" and with "Drawback: Slow convergence on plateaus (e.g. sigmoid fitting problem)", and
 * CSC413 L4, slide "Plateaux" (logistic activations and least squares).
 *
 * <p>Default data: {@code n = 16} points {@code x_i} equally spaced on {@code [-3, 3]}, targets
 * {@code y_i = sigmoid(2 x_i + 1)} (no noise), so the optimum is {@code (2, 1)} with loss 0. The
 * default start {@code (0, -8)} lies on the plateau: every prediction is {@code sigmoid(-8) ~ 3e-4},
 * the gradient is {@code ~ 6e-4}, and gradient descent with {@code lr = 1} lowers the loss from
 * 0.4997 only to 0.4981 in 600 steps before it drops (to about 0.22 by step 700).
 *
 * <p>With {@code noise > 0} the targets get seeded Gaussian noise; the optimum is then found at
 * construction by Newton's method started from the generating weights (empty if that fails).
 */
public final class SigmoidFit extends AbstractProblem {

    private final double[] x;
    private final double[] y;
    /** Where the Newton refinement of the optimum starts (null: no known optimum). */
    private final double[] guess;
    private final double[] cachedOptimum;

    /** The default data and plateau start described above. */
    public SigmoidFit() {
        this(generate(16, -3, 3, 2, 1, 0, 0), new double[] {0, -8}, new double[] {2, 1});
    }

    /**
     * Fits the given data {@code (x_i, y_i)}, each finite, from {@code start} (null: the plateau start
     * {@code (0, -8)}). The optimum of arbitrary data is not known: {@link #optimum()} is empty.
     */
    public SigmoidFit(double[][] data, double[] start) {
        Check.notNull("data", data);
        if (data.length != 2 || data[0] == null || data[1] == null) {
            throw new IllegalArgumentException("data must be {x, y}: two arrays of equal length");
        }
        this.x = Check.allFinite("x", data[0]).clone();
        this.y = Check.allFinite("y", data[1]).clone();
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException(
                    "x and y must have the same length >= 1, got " + x.length + " and " + y.length);
        }
        setStart(start == null ? new double[] {0, -8} : start);
        this.guess = null;
        this.cachedOptimum = computeOptimum();
    }

    private SigmoidFit(double[][] data, double[] start, double[] guess) {
        this.x = data[0];
        this.y = data[1];
        setStart(start);
        this.guess = guess;
        this.cachedOptimum = computeOptimum();
    }

    /**
     * Data for a sigmoid fit: {@code n} points equally spaced on {@code [xMin, xMax]}, targets
     * {@code sigmoid(w1 x + w2) + noise * N(0, 1)} with the Gaussian draws from {@code seed}.
     *
     * @return {@code {x, y}}
     */
    public static double[][] generate(int n, double xMin, double xMax, double w1, double w2, double noise, long seed) {
        Check.atLeast("n", n, 2);
        Check.finite("xMin", xMin);
        Check.finite("xMax", xMax);
        if (!(xMin < xMax)) {
            throw new IllegalArgumentException("xMin = " + xMin + " is invalid: must be < xMax = " + xMax);
        }
        Check.finite("w1", w1);
        Check.finite("w2", w2);
        Check.nonNegative("noise", noise);
        Random rng = new Random(seed);
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = xMin + (xMax - xMin) * i / (n - 1);
            ys[i] = sigmoid(w1 * xs[i] + w2) + (noise > 0 ? noise * rng.nextGaussian() : 0);
        }
        return new double[][] {xs, ys};
    }

    /**
     * A fit of {@link #generate generated} data whose optimum is refined by Newton's method from
     * {@code (w1, w2)}.
     */
    public static SigmoidFit generated(
            int n, double xMin, double xMax, double w1, double w2, double noise, long seed, double[] start) {
        return new SigmoidFit(generate(n, xMin, xMax, w1, w2, noise, seed), start == null ? new double[] {0, -8} : start,
                new double[] {w1, w2});
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** The inputs {@code x_i}. */
    public double[] x() {
        return x.clone();
    }

    /** The targets {@code y_i}. */
    public double[] y() {
        return y.clone();
    }

    @Override
    public String name() {
        return "sigmoid-fit";
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double loss(double[] w) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double r = sigmoid(w[0] * x[i] + w[1]) - y[i];
            s += r * r;
        }
        return s / x.length;
    }

    /** {@code 2/n sum_i r_i s'(z_i) (x_i, 1)} with {@code r_i = s(z_i) - y_i}, {@code s' = s (1 - s)}. */
    @Override
    public double[] gradient(double[] w, long step) {
        double g0 = 0;
        double g1 = 0;
        for (int i = 0; i < x.length; i++) {
            double s = sigmoid(w[0] * x[i] + w[1]);
            double d = 2 * (s - y[i]) * s * (1 - s) / x.length;
            g0 += d * x[i];
            g1 += d;
        }
        return new double[] {g0, g1};
    }

    /**
     * {@code 2/n sum_i (s'(z_i)^2 + r_i s''(z_i)) (x_i, 1)(x_i, 1)^T} with
     * {@code s'' = s' (1 - 2 s)}.
     */
    @Override
    public Optional<double[][]> hessian(double[] w) {
        double h00 = 0;
        double h01 = 0;
        double h11 = 0;
        for (int i = 0; i < x.length; i++) {
            double s = sigmoid(w[0] * x[i] + w[1]);
            double s1 = s * (1 - s);
            double s2 = s1 * (1 - 2 * s);
            double c = 2 * (s1 * s1 + (s - y[i]) * s2) / x.length;
            h00 += c * x[i] * x[i];
            h01 += c * x[i];
            h11 += c;
        }
        return Optional.of(new double[][] {{h00, h01}, {h01, h11}});
    }

    /**
     * For the default (noise-free) data exactly the generating weights {@code (2, 1)}; otherwise the
     * Newton refinement described in the class documentation.
     */
    @Override
    public Optional<double[]> optimum() {
        return Optional.ofNullable(cachedOptimum).map(double[]::clone);
    }

    /** {@code [-2, 8] x [-10, 4]}: the plateau start, the optimum and gradient descent's overshoot in w1. */
    @Override
    public Optional<PlotWindow> plotWindow() {
        PlotWindow w = new PlotWindow(-2, 8, -10, 4);
        double[] start = start();
        double[] o = optimum().orElse(start);
        if (w.contains(start[0], start[1]) && w.contains(o[0], o[1])) {
            return Optional.of(w);
        }
        return Optional.of(PlotWindow.around(start, o));
    }

    private double[] computeOptimum() {
        double[] w = guess;
        if (w == null) {
            return null;
        }
        w = w.clone();
        for (int k = 0; k < 100; k++) {
            double[] g = gradient(w, 0);
            if (Math.hypot(g[0], g[1]) < 1e-15) {
                break;
            }
            double[][] h = hessian(w).orElseThrow();
            double det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
            if (!(h[0][0] > 0 && det > 0)) {
                return null;
            }
            w[0] -= (h[1][1] * g[0] - h[0][1] * g[1]) / det;
            w[1] -= (h[0][0] * g[1] - h[1][0] * g[0]) / det;
        }
        double[] g = gradient(w, 0);
        return Math.hypot(g[0], g[1]) < 1e-10 ? w : null;
    }
}
