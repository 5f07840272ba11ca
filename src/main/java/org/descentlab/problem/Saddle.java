package org.descentlab.problem;

import org.descentlab.util.Check;

import java.util.List;
import java.util.Optional;

/**
 * CSC413 L4, slide "Saddle points": a critical point whose Hessian has eigenvalues of both signs. Two named
 * variants, both with the saddle at the origin and Hessian {@code diag(2, -2)} there:
 *
 * <ul>
 *   <li>{@link Variant#PLAIN} {@code f = x^2 - y^2}: unbounded below, no minimum ({@link #optimum()}
 *       is empty); gradient descent started off the x axis leaves along y with factor
 *       {@code 1 + 2 alpha} per step;
 *   <li>{@link Variant#QUARTIC} {@code f = x^2 - y^2 + y^4 / 2}: the quartic term bounds the escape;
 *       two minima {@code (0, +1)} and {@code (0, -1)} with {@code f = -1/2} and Hessian
 *       {@code diag(2, 4)}. {@link #optimum()} returns the one on the side of the start
 *       ({@code (0, 1)} for the default start).
 * </ul>
 *
 * Default start {@code (1, 0.01)}: close to the stable manifold (the x axis), so gradient descent
 * first slides towards the saddle and only later escapes: "if we're slightly to the side, then we
 * can get unstuck".
 */
public final class Saddle extends PlaneProblem {

    /** The two shapes. */
    public enum Variant {
        /** {@code x^2 - y^2}. */
        PLAIN,
        /** {@code x^2 - y^2 + y^4 / 2}. */
        QUARTIC
    }

    private final Variant variant;

    /** {@link Variant#PLAIN} from {@code (1, 0.01)}. */
    public Saddle() {
        this(Variant.PLAIN, null);
    }

    /** @param start null for the default {@code (1, 0.01)} */
    public Saddle(Variant variant, double[] start) {
        super(Check.notNull("variant", variant) == Variant.PLAIN ? "saddle" : "saddle-quartic", start,
                new double[] {1, 0.01});
        this.variant = variant;
    }

    public Variant variant() {
        return variant;
    }

    @Override
    public double loss(double[] w) {
        double x = w[0];
        double y = w[1];
        double f = x * x - y * y;
        return variant == Variant.PLAIN ? f : f + 0.5 * y * y * y * y;
    }

    @Override
    public double[] gradient(double[] w, long step) {
        double x = w[0];
        double y = w[1];
        double gy = variant == Variant.PLAIN ? -2 * y : -2 * y + 2 * y * y * y;
        return new double[] {2 * x, gy};
    }

    @Override
    public Optional<double[][]> hessian(double[] w) {
        double y = w[1];
        double hyy = variant == Variant.PLAIN ? -2 : -2 + 6 * y * y;
        return Optional.of(new double[][] {{2, 0}, {0, hyy}});
    }

    /** The saddle point, {@code (0, 0)}. */
    public double[] saddlePoint() {
        return new double[] {0, 0};
    }

    /** The minima: none for {@link Variant#PLAIN}, {@code (0, 1)} and {@code (0, -1)} for {@link Variant#QUARTIC}. */
    public List<double[]> minima() {
        return variant == Variant.PLAIN ? List.of() : List.of(new double[] {0, 1}, new double[] {0, -1});
    }

    /** Empty for {@link Variant#PLAIN}; for {@link Variant#QUARTIC} the minimum {@code (0, sign(y0))}, {@code (0, 1)} if {@code y0 = 0}. */
    @Override
    public Optional<double[]> optimum() {
        if (variant == Variant.PLAIN) {
            return Optional.empty();
        }
        return Optional.of(new double[] {0, start()[1] < 0 ? -1 : 1});
    }

    /** {@code [-1.5, 1.5] x [-1.5, 1.5]} (widened if the start lies outside). */
    @Override
    public Optional<PlotWindow> plotWindow() {
        PlotWindow w = new PlotWindow(-1.5, 1.5, -1.5, 1.5);
        double[] start = start();
        return Optional.of(w.contains(start[0], start[1]) ? w : PlotWindow.around(start, new double[] {0, 0}));
    }
}
