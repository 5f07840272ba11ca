package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * STAT 453 L12's inverse decay, and the {@code 1/t} schedule of DL1 L4's table and TTIC 31230's
 * convergence theorem ({@link #oneOverT}):
 *
 * <pre>
 *   eta_t = eta0 / (1 + k t)            (k = 1/t0: eta0 * t0 / (t + t0);  k = 1: eta0 / (t + 1))
 * </pre>
 *
 * DL1 L4 writes {@code gamma^(t) = t^-1} with updates counted from {@code t = 1}; our step {@code t =
 * 0} is the first update, so {@code k = 1} gives exactly the slide's sequence scaled by {@code eta0}.
 * For {@code k > 0} it tends to zero, its sum diverges (the harmonic series) and its sum of squares
 * converges, so it meets TTIC 31230's conditions. No torch scheduler has this form (it is a {@code
 * LambdaLR} with factor {@code 1/(1+k t)}).
 *
 * @param lr the initial rate, {@code >= 0}
 * @param k the decay rate per step, a finite number {@code >= 0}
 */
public record InverseTimeDecay(double lr, double k) implements Schedule {

    public InverseTimeDecay {
        Check.nonNegative("lr", lr);
        Check.nonNegative("k", k);
    }

    /** {@code eta0 / (t + 1)}. */
    public static InverseTimeDecay oneOverT(double lr) {
        return new InverseTimeDecay(lr, 1);
    }

    /**
     * {@code eta0 * t0 / (t + t0)}: the rate stays near {@code eta0} for roughly the first {@code t0} steps.
     *
     * @param t0 the time scale, a finite number {@code > 0}
     */
    public static InverseTimeDecay oneOverT(double lr, double t0) {
        return new InverseTimeDecay(lr, 1 / Check.positive("t0", t0));
    }

    @Override
    public double valueAt(long t) {
        return lr / (1 + k * Schedule.checkStep(t));
    }

    @Override
    public String describe() {
        return Schedule.describe("InverseTimeDecay", "lr", lr, "k", k);
    }
}
