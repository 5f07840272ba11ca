package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * SGDR, cosine annealing with warm restarts (Loshchilov and Hutter 2017), torch's {@code
 * CosineAnnealingWarmRestarts}:
 *
 * <pre>
 *   eta_t = eta_min + (eta0 - eta_min) * (1 + cos(pi T_cur / T_i)) / 2
 * </pre>
 *
 * where the i-th run lasts {@code T_i = T_0 * T_mult^i} steps and {@code T_cur} counts steps since the
 * last restart (not in the lectures; like STAT 453 L12's cyclical rates it periodically raises the rate
 * again); at a restart the rate jumps back to {@code eta0}. Equal to torch when stepped one step at a
 * time (torch's fractional epochs, {@code step(epoch=2.5)}, are not supported: a schedule is indexed by
 * whole steps).
 *
 * @param lr the rate after each restart, {@code >= 0}
 * @param t0 the length of the first run, {@code >= 1}
 * @param tMult the growth factor of the run length, an integer {@code >= 1}
 * @param etaMin the minimum rate, a finite number {@code >= 0}
 */
public record CosineAnnealingWarmRestarts(double lr, long t0, long tMult, double etaMin) implements Schedule {

    public CosineAnnealingWarmRestarts {
        Check.nonNegative("lr", lr);
        Check.atLeast("T_0", t0, 1);
        Check.atLeast("T_mult", tMult, 1);
        Check.nonNegative("eta_min", etaMin);
    }

    @Override
    public double valueAt(long t) {
        long tCur = Schedule.checkStep(t);
        long tI = t0;
        if (tMult == 1) {
            tCur = t % t0;
        } else {
            while (tCur >= tI) {
                tCur -= tI;
                tI *= tMult;
            }
        }
        return CosineAnnealingLR.cosine(lr, etaMin, tCur, tI);
    }

    @Override
    public String describe() {
        return Schedule.describe("CosineAnnealingWarmRestarts", "lr", lr, "T_0", t0, "T_mult", tMult,
                "eta_min", etaMin);
    }
}
