package org.descentlab.schedule;

import org.descentlab.optim.DescentOptimizer;
import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Walks a {@link Schedule} forward and sets an optimizer's learning rate, like torch's {@code
 * scheduler.step()}. On construction the optimizer's rate becomes {@code valueAt(0)}; each {@link
 * #step()} advances by one and sets {@code valueAt(stepCount())}.
 *
 * <p>Whether a step is an epoch or an iteration is the caller's choice (STAT 453 L12: "don't have to do
 * it every epoch!"). A training loop can call both hooks and only the one matching the {@link
 * Granularity} advances:
 *
 * <pre>{@code
 * Scheduler s = Scheduler.perIteration(new CyclicLR(1e-3, 6e-3, 2000), optimizer);
 * for (epoch ...) {
 *     for (batch ...) { ...; optimizer.step(params, grads); s.onIteration(); }
 *     s.onEpoch();            // ignored by a per-iteration scheduler
 * }
 * }</pre>
 *
 * The state ({@link #state()}) is the step count; restoring it into a scheduler with the same schedule
 * continues bit-identically.
 */
public final class Scheduler {

    /** What one step of the schedule is. */
    public enum Granularity {
        /** One step per optimizer update (mini-batch). */
        ITERATION,
        /** One step per pass over the data. */
        EPOCH
    }

    static final String TYPE = "Scheduler";

    private final Schedule schedule;
    private final DescentOptimizer optimizer;
    private final Granularity granularity;
    private long step;

    /**
     * @param schedule the schedule to follow
     * @param optimizer the optimizer whose rate is set; it is set to {@code valueAt(0)} at once
     * @param granularity which hook advances the schedule
     */
    public Scheduler(Schedule schedule, DescentOptimizer optimizer, Granularity granularity) {
        this.schedule = Check.notNull("schedule", schedule);
        this.optimizer = Check.notNull("optimizer", optimizer);
        this.granularity = Check.notNull("granularity", granularity);
        apply();
    }

    /** A scheduler advanced by {@link #onIteration()}. */
    public static Scheduler perIteration(Schedule schedule, DescentOptimizer optimizer) {
        return new Scheduler(schedule, optimizer, Granularity.ITERATION);
    }

    /** A scheduler advanced by {@link #onEpoch()}. */
    public static Scheduler perEpoch(Schedule schedule, DescentOptimizer optimizer) {
        return new Scheduler(schedule, optimizer, Granularity.EPOCH);
    }

    /** Advances by one step and sets the optimizer's rate; returns the new rate. */
    public double step() {
        step++;
        return apply();
    }

    /** Advances if this scheduler is per-iteration; call after every optimizer update. */
    public void onIteration() {
        if (granularity == Granularity.ITERATION) {
            step();
        }
    }

    /** Advances if this scheduler is per-epoch; call after every epoch. */
    public void onEpoch() {
        if (granularity == Granularity.EPOCH) {
            step();
        }
    }

    /**
     * Jumps forward to step {@code k} (e.g. when resuming); {@code k} equal to the current step only
     * re-applies the rate. A schedule cannot be stepped backwards.
     */
    public double stepTo(long k) {
        if (k < step) {
            throw new IllegalArgumentException(
                    "stepping a schedule backwards: step = " + k + " is invalid: the current step is "
                            + step + ", so it must be an integer >= " + step);
        }
        step = k;
        return apply();
    }

    private double apply() {
        double lr = schedule.valueAt(step);
        optimizer.setLr(lr);
        return lr;
    }

    /** The number of steps taken. */
    public long stepCount() {
        return step;
    }

    /** The current rate, {@code schedule().valueAt(stepCount())}. */
    public double lr() {
        return schedule.valueAt(step);
    }

    /** The schedule followed. */
    public Schedule schedule() {
        return schedule;
    }

    /** Which hook advances the schedule. */
    public Granularity granularity() {
        return granularity;
    }

    /** The step count (and, as a check, the rate and granularity). */
    public ScheduleState state() {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("step", (double) step);
        v.put("granularity", (double) granularity.ordinal());
        v.put("lr", lr());
        return new ScheduleState(TYPE, v);
    }

    /**
     * Restores a step count saved by {@link #state()} and sets the optimizer's rate. A state saved
     * with another granularity, or for a schedule that gives another rate at that step, is an error.
     */
    public void restore(ScheduleState saved) {
        Check.notNull("state", saved).requireType(TYPE);
        double s = saved.get("step");
        if (s < 0 || s != Math.rint(s)) {
            throw Check.invalid("step", s, "an integer >= 0");
        }
        Granularity g = Granularity.values()[(int) saved.get("granularity")];
        if (g != granularity) {
            throw new IllegalArgumentException(
                    "cannot restore a per-" + g.name().toLowerCase(Locale.ROOT) + " scheduler state into a per-"
                            + granularity.name().toLowerCase(Locale.ROOT) + " scheduler");
        }
        long k = (long) s;
        double lr = schedule.valueAt(k);
        if (Double.compare(lr, saved.get("lr")) != 0) {
            throw new IllegalArgumentException(
                    "the saved scheduler state is for another schedule: at step " + k + " it had lr = "
                            + saved.get("lr") + " but " + schedule.describe() + " gives " + lr);
        }
        step = k;
        apply();
    }

    @Override
    public String toString() {
        return "Scheduler[" + schedule.describe() + ", per " + granularity.name().toLowerCase(Locale.ROOT)
                + ", step " + step + "]";
    }
}
