package org.descentlab.optim;

import ai.djl.training.tracker.ParameterTracker;

import org.descentlab.util.Check;

/**
 * An optimizer's learning rate: a plain mutable value that a schedule sets between steps (torch's
 * {@code param_group['lr']}), or, if a DJL {@link ParameterTracker} is set, the tracker's value for the
 * parameter's 1-based step count, as DJL's own optimizers ask it.
 */
final class LearningRate {

    private double value;
    private ParameterTracker tracker;

    LearningRate(double value) {
        set(value);
    }

    double get() {
        return value;
    }

    void set(double value) {
        this.value = Check.nonNegative("lr", value);
    }

    void setTracker(ParameterTracker tracker) {
        this.tracker = tracker;
    }

    /** The rate for one parameter's update number {@code step}. */
    double at(String parameterId, long step) {
        return tracker == null ? value : tracker.getNewValue(parameterId, (int) step);
    }
}
