package org.descentlab.schedule;

import org.descentlab.util.Check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Schedules one after another, torch's {@code SequentialLR}: schedule {@code i} runs from milestone
 * {@code i-1} (or 0) up to milestone {@code i}, and each starts at its own step 0:
 *
 * <pre>
 *   eta_t = schedule_i.valueAt(t - milestone_{i-1})   for milestone_{i-1} &lt;= t &lt; milestone_i
 * </pre>
 *
 * The usual use is a warm-up followed by a decay, e.g. {@link LinearLR} for 5 steps then {@link
 * CosineAnnealingLR}. This is torch's semantics: at a milestone torch calls {@code step(0)} on the
 * next scheduler, which restarts it at its own step 0 from the base rate. In torch every sub-scheduler
 * shares the optimizer's initial rate; here each schedule carries its own base rate (give them the
 * same one to match torch).
 */
public final class SequentialLR implements Schedule {

    private final List<Schedule> schedules;
    private final long[] milestones;

    /**
     * @param schedules at least one schedule
     * @param milestones {@code schedules.size() - 1} steps, strictly increasing, each {@code >= 1}
     */
    public SequentialLR(List<? extends Schedule> schedules, long... milestones) {
        Check.notNull("schedules", schedules);
        if (schedules.isEmpty()) {
            throw new IllegalArgumentException("schedules = [] is invalid: must hold at least one schedule");
        }
        for (int i = 0; i < schedules.size(); i++) {
            Check.notNull("schedules[" + i + "]", schedules.get(i));
        }
        Check.notNull("milestones", milestones);
        if (milestones.length != schedules.size() - 1) {
            throw new IllegalArgumentException(
                    "milestones has " + milestones.length + " entries " + Arrays.toString(milestones)
                            + " but must have exactly one fewer than schedules (" + schedules.size() + ")");
        }
        if (milestones.length > 0) {
            Milestones.check("milestones", milestones, 1, false);
        }
        this.schedules = List.copyOf(new ArrayList<>(schedules));
        this.milestones = milestones.clone();
    }

    @Override
    public double valueAt(long step) {
        Schedule.checkStep(step);
        int idx = Milestones.passed(milestones, step);
        long start = idx == 0 ? 0 : milestones[idx - 1];
        return schedules.get(idx).valueAt(step - start);
    }

    @Override
    public String describe() {
        return "SequentialLR(" + schedules.stream().map(Schedule::describe).collect(Collectors.joining(", "))
                + "; milestones=" + Arrays.toString(milestones) + ")";
    }
}
