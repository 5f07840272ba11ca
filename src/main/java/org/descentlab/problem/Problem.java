package org.descentlab.problem;

import java.util.Optional;

/**
 * A differentiable test problem on R^n: loss, analytic gradient, a default start point and, where
 * known, the optimum (ensmallen's style: one generic test can cover every problem).
 */
public interface Problem {

    /** A short name used on the command line and in legends, e.g. {@code rosenbrock}. */
    String name();

    /** The number of parameters. */
    int dimension();

    /** The loss at {@code w}, or NaN where the problem defines none (a replayed gradient sequence). */
    double loss(double[] w);

    /** The gradient at {@code w}, as used in update step {@code step} (0-based). */
    double[] gradient(double[] w, long step);

    /** Whether {@link #gradient} is defined for update {@code step} (false past a replayed sequence). */
    default boolean hasGradientAt(long step) {
        return step >= 0;
    }

    /** The default start point. */
    double[] start();

    /** The known minimiser, if any. */
    Optional<double[]> optimum();

    /**
     * The analytic Hessian at {@code w} (row-major, symmetric), if the problem provides one. Empty by
     * default; {@code org.descentlab.analysis.Hessians#finiteDifference} estimates it for any problem.
     */
    default Optional<double[][]> hessian(double[] w) {
        return Optional.empty();
    }

    /**
     * The window in which a 2-D problem is best drawn (contours plus trajectories). The default covers
     * the start and the optimum (if known) with a margin of half their span (at least 1 on each side);
     * problems with a classic view override it. Empty for problems that are not 2-D.
     */
    default Optional<PlotWindow> plotWindow() {
        if (dimension() != 2) {
            return Optional.empty();
        }
        double[] s = start();
        double[] o = optimum().orElse(s);
        return Optional.of(PlotWindow.around(s, o));
    }

    /** Checks that {@code w} has this problem's dimension and finite entries. */
    default double[] checkPoint(String name, double[] w) {
        if (w == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (w.length != dimension()) {
            throw new IllegalArgumentException(
                    name + " has " + w.length + " coordinates but problem '" + name()
                            + "' has dimension " + dimension());
        }
        org.descentlab.util.Check.allFinite(name, w);
        return w;
    }
}
