package org.descentlab.train;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * What {@link Training} reports while it runs. All methods default to doing nothing.
 *
 * <p>Two ready-made listeners render the same text ({@link TextProgress}): {@link #terminal} redraws
 * one line on a terminal with carriage returns; {@link #callback} hands the current line to a
 * consumer, e.g. a notebook cell that replaces its one output in place.
 */
public interface ProgressListener {

    /** A listener that reports nothing. */
    ProgressListener NONE = new ProgressListener() {};

    /**
     * The run starts (or resumes).
     *
     * @param config the run
     * @param firstEpoch 1-based epoch it starts with ({@code > 1} when resumed)
     */
    default void onStart(TrainingConfig config, int firstEpoch) {}

    /**
     * One update is done.
     *
     * @param epoch 1-based
     * @param batch 1-based batch within the epoch
     * @param batches batches in this epoch
     * @param loss this mini-batch's loss
     */
    default void onStep(int epoch, int batch, int batches, double loss) {}

    /** An epoch (with its evaluation) is done. */
    default void onEpoch(EpochMetrics metrics) {}

    /**
     * An epoch of one model of a lockstep group is done: {@code model} is that model's own config (its
     * run and seed), while {@link #onStart} named the group. By default {@link #onEpoch(EpochMetrics)}.
     */
    default void onEpoch(TrainingConfig model, EpochMetrics metrics) {
        onEpoch(metrics);
    }

    /** The run is done. */
    default void onEnd(TrainingResult result) {}

    /** A progress bar on {@code out} (usually {@code System.err}), redrawn with carriage returns. */
    static ProgressListener terminal(PrintStream out) {
        return TextProgress.terminal(out);
    }

    /**
     * The progress line to {@code bar} (at most every 200 ms and at each epoch's end) and each epoch's
     * summary line to {@code epochLine}: for displays that show them apart.
     */
    static ProgressListener lines(Consumer<String> bar, Consumer<String> epochLine) {
        if (bar == null || epochLine == null) {
            throw new IllegalArgumentException("bar and epochLine must not be null");
        }
        return new TextProgress(bar, epochLine, System::nanoTime);
    }

    /** The current progress line, handed to {@code display} at most every 200 ms and at each epoch's end. */
    static ProgressListener callback(Consumer<String> display) {
        return TextProgress.callback(display);
    }
}
