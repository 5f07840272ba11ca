package org.descentlab.problem;

import org.descentlab.util.Check;

import java.util.Optional;

/**
 * A network with one input, two hidden units and one linear output,
 * {@code y(x) = v1 s(w1 x) + v2 s(w2 x)}, fitted by {@code f = 1/(2n) sum_i (y(x_i) - t_i)^2}.
 * Parameters are {@code (w1, w2, v1, v2)}; {@code s} is the logistic sigmoid or ReLU. Two lessons of
 * CSC413 L4 (slides):
 *
 * <ul>
 *   <li>"Plateaux" (saturated and dead units): the weight derivative of a unit carries the factor
 *       {@code s'(w_k x_i)}. With a large {@code w1} a sigmoid unit saturates and
 *       {@code df/dw1 ~ 0}; with {@code w1 < 0} and all {@code x_i > 0} a ReLU unit is dead and
 *       {@code df/dw1 = df/dv1 = 0} exactly, forever. See {@link #saturatedStart}.
 *   <li>"Saddle points" (symmetries): if {@code w1 = w2} and {@code v1 = v2}, both units get the same
 *       gradient, so gradient descent keeps them identical forever. See {@link #symmetricStart}.
 * </ul>
 *
 * <p>Data: {@code x_i = 0.5, 1.0, ..., 4.0} (8 points, all positive, so a ReLU unit with negative
 * weight is dead on every example) and {@code t_i = sin(x_i)}. Default start
 * {@code (0.5, 1.5, 0.4, -0.2)}. No closed-form optimum: {@link #optimum()} is empty.
 */
public final class TwoUnitNetwork extends AbstractProblem {

    /** The hidden activation. */
    public enum Activation {
        /** {@code 1 / (1 + e^-z)}. */
        SIGMOID,
        /** {@code max(0, z)}; its derivative is taken as 0 at {@code z = 0}. */
        RELU
    }

    private static final double[] DEFAULT_START = {0.5, 1.5, 0.4, -0.2};

    private final Activation activation;
    private final double[] x;
    private final double[] t;

    /** Sigmoid units, default data and start. */
    public TwoUnitNetwork() {
        this(Activation.SIGMOID, null);
    }

    /** Default data; {@code start} null for the default. */
    public TwoUnitNetwork(Activation activation, double[] start) {
        this(activation, defaultX(), null, start);
    }

    /**
     * @param x the inputs, finite
     * @param t the targets, finite, or null for {@code sin(x_i)}
     */
    public TwoUnitNetwork(Activation activation, double[] x, double[] t, double[] start) {
        this.activation = Check.notNull("activation", activation);
        this.x = Check.allFinite("x", x).clone();
        if (x.length == 0) {
            throw new IllegalArgumentException("x must hold at least 1 input");
        }
        if (t == null) {
            t = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                t[i] = Math.sin(x[i]);
            }
        }
        this.t = Check.allFinite("t", t).clone();
        if (t.length != x.length) {
            throw new IllegalArgumentException("x and t must have the same length, got " + x.length + " and " + t.length);
        }
        setStart(start == null ? DEFAULT_START : start);
    }

    private static double[] defaultX() {
        double[] x = new double[8];
        for (int i = 0; i < 8; i++) {
            x[i] = 0.5 * (i + 1);
        }
        return x;
    }

    /**
     * A start with unit 1 stuck: sigmoid {@code (20, 0.5, 0.4, -0.2)}, where {@code w1 x >= 10} on
     * every input and {@code s'(w1 x) <= 4.6e-5}; ReLU {@code (-2, 0.5, 0.4, -0.2)}, where unit 1 is
     * dead on every input.
     */
    public static double[] saturatedStart(Activation activation) {
        Check.notNull("activation", activation);
        return activation == Activation.SIGMOID ? new double[] {20, 0.5, 0.4, -0.2} : new double[] {-2, 0.5, 0.4, -0.2};
    }

    /** {@code (0.5, 0.5, 0.3, 0.3)}: both units identical. */
    public static double[] symmetricStart() {
        return new double[] {0.5, 0.5, 0.3, 0.3};
    }

    public Activation activation() {
        return activation;
    }

    /** The inputs (a copy). */
    public double[] inputs() {
        return x.clone();
    }

    /** The targets (a copy). */
    public double[] targets() {
        return t.clone();
    }

    @Override
    public String name() {
        return activation == Activation.SIGMOID ? "two-unit-sigmoid" : "two-unit-relu";
    }

    @Override
    public int dimension() {
        return 4;
    }

    private double s(double z) {
        return activation == Activation.SIGMOID ? SigmoidFit.sigmoid(z) : Math.max(0, z);
    }

    private double s1(double z) {
        if (activation == Activation.SIGMOID) {
            double s = SigmoidFit.sigmoid(z);
            return s * (1 - s);
        }
        return z > 0 ? 1 : 0;
    }

    private double s2(double z) {
        if (activation == Activation.SIGMOID) {
            double s = SigmoidFit.sigmoid(z);
            return s * (1 - s) * (1 - 2 * s);
        }
        return 0;
    }

    /** The network's output at input {@code xi}. */
    public double predict(double[] w, double xi) {
        return w[2] * s(w[0] * xi) + w[3] * s(w[1] * xi);
    }

    @Override
    public double loss(double[] w) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double r = predict(w, x[i]) - t[i];
            sum += r * r;
        }
        return sum / (2 * x.length);
    }

    /**
     * {@code df/dw_k = 1/n sum_i r_i v_k s'(w_k x_i) x_i}, {@code df/dv_k = 1/n sum_i r_i s(w_k x_i)}
     * with {@code r_i = y(x_i) - t_i}.
     */
    @Override
    public double[] gradient(double[] w, long step) {
        double[] g = new double[4];
        for (int i = 0; i < x.length; i++) {
            double r = predict(w, x[i]) - t[i];
            for (int k = 0; k < 2; k++) {
                double z = w[k] * x[i];
                g[k] += r * w[2 + k] * s1(z) * x[i];
                g[2 + k] += r * s(z);
            }
        }
        for (int j = 0; j < 4; j++) {
            g[j] /= x.length;
        }
        return g;
    }

    /**
     * With {@code a_k = v_k s'(w_k x) x} (= dy/dw_k) and {@code s_k = s(w_k x)} (= dy/dv_k):
     * {@code H = 1/n sum_i (J_i J_i^T + r_i d2y_i)}, where {@code J = (a_1, a_2, s_1, s_2)} and the
     * only second derivatives of {@code y} are {@code d2y/dw_k^2 = v_k s''(w_k x) x^2} and
     * {@code d2y/dw_k dv_k = s'(w_k x) x}. For ReLU, {@code s'' = 0} (the Hessian away from the kink).
     */
    @Override
    public Optional<double[][]> hessian(double[] w) {
        double[][] h = new double[4][4];
        for (int i = 0; i < x.length; i++) {
            double r = predict(w, x[i]) - t[i];
            double[] j = new double[4];
            for (int k = 0; k < 2; k++) {
                double z = w[k] * x[i];
                j[k] = w[2 + k] * s1(z) * x[i];
                j[2 + k] = s(z);
            }
            for (int a = 0; a < 4; a++) {
                for (int b = 0; b < 4; b++) {
                    h[a][b] += j[a] * j[b];
                }
            }
            for (int k = 0; k < 2; k++) {
                double z = w[k] * x[i];
                h[k][k] += r * w[2 + k] * s2(z) * x[i] * x[i];
                h[k][2 + k] += r * s1(z) * x[i];
                h[2 + k][k] += r * s1(z) * x[i];
            }
        }
        for (double[] row : h) {
            for (int b = 0; b < 4; b++) {
                row[b] /= x.length;
            }
        }
        return Optional.of(h);
    }

    @Override
    public Optional<double[]> optimum() {
        return Optional.empty();
    }
}
