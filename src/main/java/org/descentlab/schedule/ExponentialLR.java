package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * Exponential decay, torch's {@code ExponentialLR}: the rate is multiplied by {@code gamma} every step,
 *
 * <pre>
 *   eta_t = eta0 * gamma^t          = eta0 * e^(-k t)   with gamma = e^(-k)
 * </pre>
 *
 * STAT 453 L12 writes it with the decay rate {@code k} ({@link #ofRate}) and gives the example {@code
 * gamma = 0.1} per epoch. It is the {@code e^-t} column of DL1 L4's table: it tends to zero, but for
 * {@code k > 0} the sum of the rates is finite ({@code eta0 / (1 - gamma)}), so it violates the
 * convergence theorem's {@code sum eta = infinity}. torch multiplies the previous rate by gamma
 * (recursive form); {@code Math.pow} here agrees up to rounding in the last bits.
 *
 * @param lr the initial rate, {@code >= 0}
 * @param gamma the multiplier per step, a finite number {@code > 0}
 */
public record ExponentialLR(double lr, double gamma) implements Schedule {

    public ExponentialLR {
        Check.nonNegative("lr", lr);
        Check.positive("gamma", gamma);
    }

    /**
     * STAT 453 L12's form {@code eta0 * e^(-k t)}, i.e. {@code gamma = e^(-k)}.
     *
     * @param lr the initial rate, {@code >= 0}
     * @param k the decay rate per step, a finite number {@code >= 0}
     */
    public static ExponentialLR ofRate(double lr, double k) {
        return new ExponentialLR(lr, Math.exp(-Check.nonNegative("k", k)));
    }

    /** The decay rate {@code k = -ln gamma}. */
    public double rate() {
        return -Math.log(gamma);
    }

    @Override
    public double valueAt(long t) {
        return lr * Math.pow(gamma, Schedule.checkStep(t));
    }

    @Override
    public String describe() {
        return Schedule.describe("ExponentialLR", "lr", lr, "gamma", gamma);
    }
}
