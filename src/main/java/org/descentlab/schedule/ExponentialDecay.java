package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * STAT 453 L12's exponential decay written with a decay rate {@code k}:
 *
 * <pre>
 *   eta_t = eta0 * e^(-k t)
 * </pre>
 *
 * The same schedule as torch's {@code ExponentialLR} with {@code gamma = e^(-k)} (see {@link
 * ExponentialLR}); the two agree up to rounding. It is the {@code e^-t} column of DL1 L4's table:
 * it tends to zero, but for {@code k > 0} the sum of the rates is finite ({@code eta0 / (1 -
 * e^(-k))}), so it violates the convergence theorem's {@code sum eta = infinity}.
 */
public final class ExponentialDecay implements Schedule {

    private final double eta0;
    private final double k;

    private ExponentialDecay(double eta0, double k) {
        this.eta0 = Check.nonNegative("lr", eta0);
        this.k = Check.nonNegative("k", k);
    }

    /**
     * {@code eta0 * e^(-k t)}.
     *
     * @param eta0 the initial rate, {@code >= 0}
     * @param k the decay rate per step, a finite number {@code >= 0}
     */
    public static ExponentialDecay ofRate(double eta0, double k) {
        return new ExponentialDecay(eta0, k);
    }

    /** The decay rate {@code k}. */
    public double rate() {
        return k;
    }

    /** The equivalent per-step multiplier {@code gamma = e^(-k)} of {@link ExponentialLR}. */
    public double gamma() {
        return Math.exp(-k);
    }

    @Override
    public double valueAt(long step) {
        Schedule.checkStep(step);
        return eta0 * Math.exp(-k * step);
    }

    @Override
    public String describe() {
        return "ExponentialDecay(lr=" + eta0 + ", k=" + k + ")";
    }
}
