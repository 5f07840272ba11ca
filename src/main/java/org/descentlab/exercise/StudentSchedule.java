package org.descentlab.exercise;

/**
 * A learning-rate schedule as a plain function of the step: {@code lr(0, h)} is the rate of the first
 * update, {@code lr(k, h)} the rate after {@code k} scheduler steps (the library's
 * {@code Schedule.valueAt}).
 *
 * <pre>{@code
 *   StudentSchedule mine = (step, h) -> h.baseLr() + ...;
 * }</pre>
 */
@FunctionalInterface
public interface StudentSchedule {

    /**
     * @param step the number of scheduler steps taken, {@code >= 0}
     * @param h this test case's settings
     */
    double lr(long step, ScheduleHyper h);
}
