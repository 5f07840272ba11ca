package org.descentlab.schedule;

import org.descentlab.util.Check;

import java.util.function.LongToDoubleFunction;

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

    /** A short description for legends and tables, e.g. {@code ExponentialLR(lr=0.1, gamma=0.5)}. */
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

    /**
     * The constant schedule {@code eta_t = lr}: the first column of DL1 L4's table of schedules (it never
     * tends to zero, so TTIC 31230's convergence theorem does not apply) and the baseline of STAT 453 L12
     * ("try to train the model without learning rate decay first"). torch has no scheduler for it (not
     * attaching one is the constant schedule); torch's {@link ConstantLR} is a warm-up, something else.
     *
     * @param lr the rate, a finite number {@code >= 0}
     */
    static Schedule constant(double lr) {
        Check.nonNegative("lr", lr);
        return named("Constant(lr=" + lr + ")", t -> lr);
    }

    /**
     * A schedule from a function of the step and a description (optax's schedules are such functions):
     * a negative step is rejected before {@code f} is called.
     */
    static Schedule named(String description, LongToDoubleFunction f) {
        Check.notNull("description", description);
        Check.notNull("f", f);
        return new Schedule() {
            @Override
            public double valueAt(long step) {
                return f.applyAsDouble(checkStep(step));
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public String toString() {
                return description;
            }
        };
    }

    /** Rejects a negative step with a message naming it. */
    static long checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step = " + step + " is invalid: must be an integer >= 0");
        }
        return step;
    }

    /**
     * {@code Name(key=value, ...)}, the form every schedule's {@link #describe()} takes; pairs whose value
     * is {@code null} are left out (options that do not apply).
     */
    static String describe(String name, Object... keyValues) {
        java.util.StringJoiner s = new java.util.StringJoiner(", ", name + "(", ")");
        for (int i = 0; i < keyValues.length; i += 2) {
            Object v = keyValues[i + 1];
            if (v != null) {
                s.add(keyValues[i] + "=" + (v instanceof long[] a ? java.util.Arrays.toString(a) : v));
            }
        }
        return s.toString();
    }
}
