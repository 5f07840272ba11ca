package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * torch's {@code MultiStepLR}: the rate is multiplied by {@code gamma} at each milestone,
 *
 * <pre>
 *   eta_t = eta0 * gamma^(number of milestones m with m &lt;= t)
 * </pre>
 *
 * As in He et al. (quoted in STAT 453 L12: "divided by 10 when the error plateaus"), with the plateaus
 * chosen in advance. As in torch a repeated milestone applies gamma once per occurrence ({@code [5, 5,
 * 20]} multiplies by {@code gamma^2} at step 5). Differs from torch in that milestones out of order
 * are rejected (torch sorts them silently) and so is a milestone at 0 (torch ignores it).
 *
 * @param lr the initial rate, {@code >= 0}
 * @param milestones the steps at which gamma is applied, non-decreasing, each {@code >= 1}
 * @param gamma the multiplier per milestone, a finite number {@code > 0}
 */
public record MultiStepLR(double lr, long[] milestones, double gamma) implements Schedule {

    public MultiStepLR {
        Check.nonNegative("lr", lr);
        milestones = Milestones.check("milestones", milestones, 1, true);
        Check.positive("gamma", gamma);
    }

    /** A copy of the milestones. */
    @Override
    public long[] milestones() {
        return milestones.clone();
    }

    @Override
    public double valueAt(long t) {
        return lr * Math.pow(gamma, Milestones.passed(milestones, Schedule.checkStep(t)));
    }

    @Override
    public String describe() {
        return Schedule.describe("MultiStepLR", "lr", lr, "milestones", milestones, "gamma", gamma);
    }
}
