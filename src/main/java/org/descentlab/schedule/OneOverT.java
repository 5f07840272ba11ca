package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * The {@code 1/t} schedule of DL1 L4's table and TTIC 31230's convergence theorem, shifted so that it
 * is defined at step 0:
 *
 * <pre>
 *   eta_t = eta0 * t0 / (t + t0)        (t0 = 1: eta_t = eta0 / (t + 1))
 * </pre>
 *
 * DL1 L4 writes {@code gamma^(t) = t^-1} with updates counted from {@code t = 1}; our step {@code t
 * = 0} is the first update, so {@code eta0 / (t + 1)} is exactly the slide's sequence scaled by {@code
 * eta0}. It satisfies all of TTIC 31230's conditions: {@code eta_t >= 0}, {@code eta_t -> 0}, {@code sum
 * eta_t = infinity} (the harmonic series) and {@code sum eta_t^2 = eta0^2 t0^2 sum 1/(t+t0)^2 <
 * infinity}. {@code t0} keeps the rate near {@code eta0} for roughly the first {@code t0} steps. Not a
 * torch scheduler (a {@code LambdaLR} with factor {@code t0/(t+t0)}); equal to {@link
 * InverseTimeDecay} with {@code k = 1/t0} up to rounding.
 */
public final class OneOverT implements Schedule {

    private final double eta0;
    private final double t0;

    /** {@code eta0 / (t + 1)}. */
    public OneOverT(double eta0) {
        this(eta0, 1);
    }

    /**
     * @param eta0 the initial rate, {@code >= 0}
     * @param t0 the time scale, a finite number {@code > 0}
     */
    public OneOverT(double eta0, double t0) {
        this.eta0 = Check.nonNegative("lr", eta0);
        this.t0 = Check.positive("t0", t0);
    }

    @Override
    public double valueAt(long step) {
        Schedule.checkStep(step);
        return eta0 * t0 / (step + t0);
    }

    @Override
    public String describe() {
        return t0 == 1 ? "OneOverT(lr=" + eta0 + ")" : "OneOverT(lr=" + eta0 + ", t0=" + t0 + ")";
    }
}
