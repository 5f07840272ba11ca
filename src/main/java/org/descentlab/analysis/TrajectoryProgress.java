package org.descentlab.analysis;

/**
 * What a trajectory loop reports while it runs ({@link TrajectoryRunner}, and the exercise checks that
 * step a student's optimizer): each run's start, each update, its end. One listener sees every run in
 * turn, so it can tell a sweep of many runs (a grid of learning rates or optimizers) from one run. All
 * methods default to doing nothing; a notebook shows a progress line ({@code notebook.LiveSweep}).
 * Called on the loop's thread, once per update: an implementation must be cheap.
 */
public interface TrajectoryProgress {

    /** A listener that reports nothing (outside a notebook). */
    TrajectoryProgress NONE = new TrajectoryProgress() {};

    /**
     * A run starts.
     *
     * @param label what runs, e.g. the optimizer's description
     * @param steps the updates it will make at most (a diverging run ends early)
     */
    default void onStart(String label, int steps) {}

    /** Update {@code step} (1-based) of the current run is done. */
    default void onStep(int step) {}

    /** The current run ended, normally or not. */
    default void onEnd() {}
}
