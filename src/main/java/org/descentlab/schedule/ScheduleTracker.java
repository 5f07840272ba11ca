package org.descentlab.schedule;

import ai.djl.training.tracker.Tracker;

import org.descentlab.util.Check;

/**
 * A {@link Schedule} as a DJL {@link Tracker}, for {@code DescentOptimizer.setLrTracker} or any DJL
 * optimizer builder's {@code optLearningRateTracker}. DJL asks with the 1-based update count {@code
 * numUpdate} (the first update passes 1), so
 *
 * <pre>
 *   getNewValue(numUpdate) = schedule.valueAt((numUpdate - 1) / iterationsPerStep)
 * </pre>
 *
 * i.e. the first update uses {@code valueAt(0)}, as a torch training loop that steps its scheduler
 * after each update. {@code iterationsPerStep = 1} is a per-iteration schedule; the number of batches
 * per epoch makes it a per-epoch schedule. DJL trackers return {@code float}: the rate is rounded to
 * single precision (use {@link Scheduler} to keep double precision).
 */
public final class ScheduleTracker implements Tracker {

    private final Schedule schedule;
    private final long iterationsPerStep;

    /**
     * @param schedule the schedule
     * @param iterationsPerStep updates per schedule step, {@code >= 1}
     */
    public ScheduleTracker(Schedule schedule, long iterationsPerStep) {
        this.schedule = Check.notNull("schedule", schedule);
        this.iterationsPerStep = Check.atLeast("iterationsPerStep", iterationsPerStep, 1);
    }

    /** One schedule step per update. */
    public ScheduleTracker(Schedule schedule) {
        this(schedule, 1);
    }

    /** The schedule step used for DJL's 1-based update count. */
    public long stepFor(int numUpdate) {
        Check.atLeast("numUpdate", numUpdate, 1);
        return (numUpdate - 1L) / iterationsPerStep;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return (float) schedule.valueAt(stepFor(numUpdate));
    }

    @Override
    public String toString() {
        return "ScheduleTracker[" + schedule.describe() + ", " + iterationsPerStep + " updates per step]";
    }
}
