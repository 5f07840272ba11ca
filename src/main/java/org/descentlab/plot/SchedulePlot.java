package org.descentlab.plot;

import org.descentlab.schedule.Schedule;

import java.util.Arrays;
import java.util.List;

/**
 * Learning-rate schedules side by side: each schedule's {@code valueAt(k)} for {@code k = 0..steps}
 * as a staircase (the rate holds for a whole step), labelled with its {@code describe()}.
 */
public final class SchedulePlot {

    private SchedulePlot() {}

    /** A figure of these schedules over {@code steps} steps. */
    public static CurvePlot of(int steps, Schedule... schedules) {
        return of(steps, schedules == null ? null : Arrays.asList(schedules));
    }

    /**
     * A figure of these schedules over {@code steps} steps; the result is an ordinary
     * {@link CurvePlot}, so more curves, a log axis or other titles can be added.
     */
    public static CurvePlot of(int steps, List<? extends Schedule> schedules) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + " is invalid: must be an integer >= 1");
        }
        if (schedules == null || schedules.isEmpty()) {
            throw new IllegalArgumentException("schedules must hold at least one schedule");
        }
        CurvePlot p = new CurvePlot("Learning-rate schedules", "step", "learning rate").stairs(true).markers(false);
        for (int i = 0; i < schedules.size(); i++) {
            Schedule s = schedules.get(i);
            if (s == null) {
                throw new IllegalArgumentException("schedules[" + i + "] must not be null");
            }
            p.addFunction(label(s, i), steps, s::valueAt);
        }
        return p;
    }

    /**
     * The schedule's {@code describe()}, or {@code schedule i} for a lambda, whose default
     * description would be a generated class name.
     */
    static String label(Schedule s, int index) {
        String d = s.describe();
        if (d == null || d.isBlank() || d.contains("$$Lambda")) {
            return "schedule " + (index + 1);
        }
        return d;
    }
}
