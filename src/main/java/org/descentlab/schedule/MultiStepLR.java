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
 * As in He et al. (quoted in deck 002: "divided by 10 when the error plateaus"), with the plateaus
 * chosen in advance. Differs from torch in that milestones must be strictly increasing and {@code >=
 * 1} (torch accepts repeats, each applying gamma again, and silently ignores a milestone at 0).
 */
public final class MultiStepLR implements Schedule {

    private final double lr;
    private final long[] milestones;
    private final double gamma;

    /**
     * @param lr the initial rate, {@code >= 0}
     * @param milestones the steps at which gamma is applied, strictly increasing, each {@code >= 1}
     * @param gamma the multiplier per milestone, a finite number {@code > 0}
     */
    public MultiStepLR(double lr, long[] milestones, double gamma) {
        this.lr = Check.nonNegative("lr", lr);
        this.milestones = checkMilestones("milestones", milestones, 1).clone();
        this.gamma = Check.positive("gamma", gamma);
    }

    /** Checks that milestones are non-empty, strictly increasing and each {@code >= min}. */
    static long[] checkMilestones(String name, long[] milestones, long min) {
        Check.notNull(name, milestones);
        if (milestones.length == 0) {
            throw new IllegalArgumentException(name + " = [] is invalid: must hold at least one step");
        }
        Check.atLeast(name + "[0]", milestones[0], min);
        for (int i = 1; i < milestones.length; i++) {
            if (milestones[i] <= milestones[i - 1]) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] = " + milestones[i] + " is invalid: must be an integer > "
                                + name + "[" + (i - 1) + "] = " + milestones[i - 1]
                                + " (milestones must be strictly increasing, got "
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
