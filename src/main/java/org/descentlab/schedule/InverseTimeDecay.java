package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * STAT 453 L12's inverse decay:
 *
 * <pre>
 *   eta_t = eta0 / (1 + k t)
 * </pre>
 *
 * No torch scheduler has this form (it is a {@code LambdaLR} with factor {@code 1/(1+k t)}). For
 * {@code k > 0} it behaves like {@code 1/t}: it tends to zero, its sum diverges and its sum of squares
 * converges, so it meets the conditions of TTIC 31230's convergence theorem (see {@link OneOverT}, which
 * is the case {@code k = 1/t0}).
 */
public final class InverseTimeDecay implements Schedule {

    private final double eta0;
    private final double k;

    /**
     * @param eta0 the initial rate, {@code >= 0}
     * @param k the decay rate per step, a finite number {@code >= 0}
     */
    public InverseTimeDecay(double eta0, double k) {
        this.eta0 = Check.nonNegative("lr", eta0);
        this.k = Check.nonNegative("k", k);
    }

    @Override
    public double valueAt(long step) {
        Schedule.checkStep(step);
        return eta0 / (1 + k * step);
    }

    @Override
    public String describe() {
        return "InverseTimeDecay(lr=" + eta0 + ", k=" + k + ")";
    }
}
