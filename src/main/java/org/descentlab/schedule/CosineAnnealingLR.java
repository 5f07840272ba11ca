package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * Cosine annealing, torch's {@code CosineAnnealingLR} (SGDR without restarts, Loshchilov and Hutter
 * 2017), from {@code eta0} at {@code t = 0} to {@code eta_min} at {@code t = T_max}:
 *
 * <pre>
 *   eta_t = eta_min + (eta0 - eta_min) * (1 + cos(pi t / T_max)) / 2
 * </pre>
 *
 * Not in the lectures (one of STAT 453 L12's "many, many more"). After {@code T_max} the formula keeps
 * going: the rate rises again, with period {@code 2 T_max}. torch computes the rate recursively from
 * the previous one (with a special case at {@code t = (2k+1) T_max + 1}); that recursion is
 * algebraically the same periodic curve, so when this scheduler alone sets the rate torch's values
 * equal the closed form up to rounding, also after {@code T_max} (checked against torch fixtures in the
 * tests). They differ only when something else changes the rate in between, which a pure schedule
 * cannot express.
 *
 * @param lr the initial rate, {@code >= 0}
 * @param tMax the half period in steps, {@code >= 1}
 * @param etaMin the minimum rate, a finite number {@code >= 0}
 */
public record CosineAnnealingLR(double lr, long tMax, double etaMin) implements Schedule {

    public CosineAnnealingLR {
        Check.nonNegative("lr", lr);
        Check.atLeast("T_max", tMax, 1);
        Check.nonNegative("eta_min", etaMin);
    }

    /** The cosine from {@code lr} ({@code tCur = 0}) to {@code etaMin} ({@code tCur = tI}). */
    static double cosine(double lr, double etaMin, long tCur, long tI) {
        return etaMin + (lr - etaMin) * (1 + Math.cos(Math.PI * tCur / tI)) / 2;
    }

    @Override
    public double valueAt(long t) {
        return cosine(lr, etaMin, Schedule.checkStep(t), tMax);
    }

    @Override
    public String describe() {
        return Schedule.describe("CosineAnnealingLR", "lr", lr, "T_max", tMax, "eta_min", etaMin);
    }
}
