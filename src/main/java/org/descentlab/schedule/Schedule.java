package org.descentlab.schedule;

/**
 * A learning-rate schedule as a plain value of the step count (optax's view): {@code valueAt(0)} is
 * the rate before any scheduler step, {@code valueAt(k)} the rate after {@code k} steps, exactly the
 * value torch's scheduler leaves in the optimizer after {@code k} calls of {@code step()}. A step is an
 * epoch or an iteration, whichever the caller steps by. Pure: no state, so any value can be asked for
 * in any order; {@link Scheduler} is what walks it forward and sets an optimizer's rate.
 */
@FunctionalInterface
public interface Schedule {

    /**
     * The learning rate after {@code step} scheduler steps.
     *
     * @param step the number of steps taken, {@code >= 0}
     */
    double valueAt(long step);

    /** A short description for legends and tables, e.g. {@code ExponentialLR(gamma=0.5)}. */
    default String describe() {
        return getClass().getSimpleName();
    }

    /** This schedule as a DJL tracker, one schedule step per update (see {@link ScheduleTracker}). */
    default ScheduleTracker asTracker() {
        return new ScheduleTracker(this, 1);
    }

    /** This schedule as a DJL tracker, one schedule step per {@code iterationsPerStep} updates. */
    default ScheduleTracker asTracker(long iterationsPerStep) {
        return new ScheduleTracker(this, iterationsPerStep);
    }

    /** Rejects a negative step with a message naming it. */
    static long checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step = " + step + " is invalid: must be an integer >= 0");
        }
        return step;
    }
}
