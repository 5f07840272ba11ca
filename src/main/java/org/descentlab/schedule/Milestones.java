package org.descentlab.schedule;

import org.descentlab.util.Check;

import java.util.Arrays;

/** Milestone lists shared by {@link MultiStepLR}, {@link SequentialLR} and {@link BatchSizeSchedule}. */
final class Milestones {

    private Milestones() {}

    /**
     * Checks that milestones are non-empty, increasing (strictly unless {@code repeats}) and each
     * {@code >= min}; returns a copy.
     */
    static long[] check(String name, long[] milestones, long min, boolean repeats) {
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
                                + ", got " + Arrays.toString(milestones) + ")");
            }
        }
        return milestones.clone();
    }

    /** How many milestones are {@code <= step}. */
    static int passed(long[] milestones, long step) {
        int n = 0;
        while (n < milestones.length && milestones[n] <= step) {
            n++;
        }
        return n;
    }
}
