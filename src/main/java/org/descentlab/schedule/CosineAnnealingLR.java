package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * Cosine annealing, torch's {@code CosineAnnealingLR} (SGDR without restarts, Loshchilov and Hutter
 * 2017):
 *
 * <pre>
 *   eta_t = eta_min + (eta0 - eta_min) * (1 + cos(pi t / T_max)) / 2
 * </pre>
 *
 * Not in the lectures (one of STAT 453 L12's "many, many more"). From {@code eta0} at {@code t = 0} to {@code eta_min} at {@code t = T_max}. After {@code T_max}
 * the formula keeps going: the rate rises again and is periodic with period {@code 2 T_max}. torch
 * computes the rate recursively from the previous one (with a special case at {@code t = (2k+1) T_max +
 * 1}); that recursion is algebraically the same periodic curve, so when this scheduler alone sets the
 * rate torch's values equal the closed form up to rounding, also after {@code T_max} (checked against
 * torch fixtures in the tests). They differ only when something else changes the rate in between,
 * which a pure schedule cannot express.
 */
public final class CosineAnnealingLR implements Schedule {

    private final double lr;
    private final long tMax;
    private final double etaMin;

    /**
     * @param lr the initial rate, {@code >= 0}
     * @param tMax the half period in steps, {@code >= 1}
     * @param etaMin the minimum rate, a finite number {@code >= 0}
     */
    public CosineAnnealingLR(double lr, long tMax, double etaMin) {
        this.lr = Check.nonNegative("lr", lr);
        this.tMax = Check.atLeast("T_max", tMax, 1);
        this.etaMin = Check.nonNegative("eta_min", etaMin);
    }

    @Override
    public double valueAt(long step) {
        Schedule.checkStep(step);
        return etaMin + (lr - etaMin) * (1 + Math.cos(Math.PI * step / tMax)) / 2;
    }

    @Override
    public String describe() {
        return "CosineAnnealingLR(lr=" + lr + ", T_max=" + tMax + ", eta_min=" + etaMin + ")";
    }
}
