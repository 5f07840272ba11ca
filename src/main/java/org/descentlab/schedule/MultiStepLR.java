package org.descentlab.schedule;

import org.descentlab.util.Check;

import java.util.Arrays;

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
 */
public final class MultiStepLR implements Schedule {

    private final double lr;
    private final long[] milestones;
    private final double gamma;

    /**
     * @param lr the initial rate, {@code >= 0}
     * @param milestones the steps at which gamma is applied, non-decreasing, each {@code >= 1}
     * @param gamma the multiplier per milestone, a finite number {@code > 0}
     */
    public MultiStepLR(double lr, long[] milestones, double gamma) {
        this.lr = Check.nonNegative("lr", lr);
        this.milestones = checkMilestones("milestones", milestones, 1, true).clone();
        this.gamma = Check.positive("gamma", gamma);
    }

    /**
     * Checks that milestones are non-empty, increasing (strictly unless {@code repeats}) and each
     * {@code >= min}.
     */
    static long[] checkMilestones(String name, long[] milestones, long min, boolean repeats) {
        Check.notNull(name, milestones);
        if (milestones.length == 0) {
            throw new IllegalArgumentException(name + " = [] is invalid: must hold at least one step");
        }
        Check.atLeast(name + "[0]", milestones[0], min);
        for (int i = 1; i < milestones.length; i++) {
            if (repeats ? milestones[i] < milestones[i - 1] : milestones[i] <= milestones[i - 1]) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] = " + milestones[i] + " is invalid: must be an integer "
                                + (repeats ? ">= " : "> ") + name + "[" + (i - 1) + "] = " + milestones[i - 1]
                                + " (milestones must be " + (repeats ? "non-decreasing" : "strictly increasing")
                                + ", got "
                                + Arrays.toString(milestones) + ")");
            }
        }
        return milestones;
    }

    /** How many milestones are {@code <= step}. */
    static int passed(long[] milestones, long step) {
        int n = 0;
        while (n < milestones.length && milestones[n] <= step) {
            n++;
        }
        return n;
    }

    @Override
    public double valueAt(long step) {
        Schedule.checkStep(step);
        return lr * Math.pow(gamma, passed(milestones, step));
    }

    @Override
    public String describe() {
        return "MultiStepLR(lr=" + lr + ", milestones=" + Arrays.toString(milestones) + ", gamma="
                + gamma + ")";
    }
}
