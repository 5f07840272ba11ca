package org.descentlab.experiment;

import org.descentlab.train.TrainingConfig;

import java.util.List;
import java.util.OptionalDouble;
import java.util.function.IntFunction;

/**
 * One lecture experiment: its runs (one or several configs, e.g. step decay vs increasing batch size),
 * the test accuracy the lecture quotes (if any) and where.
 *
 * @param name registry name, e.g. {@code adam}
 * @param description one line
 * @param reference lecture and slide (label as in {@code docs/lectures.md}), the course's notebook, or the paper
 * @param lectureTestAccuracy the quoted test accuracy in percent, NaN if the lecture quotes none
 * @param fullEpochs epochs of the lecture's run (100)
 * @param runs the run configs for a given number of epochs (full data, seed 123)
 */
public record Experiment(
        String name,
        String description,
        String reference,
        double lectureTestAccuracy,
        int fullEpochs,
        IntFunction<List<TrainingConfig>> runs) {

    /** Training images, validation images, test images and training-accuracy images in quick mode. */
    public static final int QUICK_TRAIN = 5_000;
    public static final int QUICK_VALIDATION = 1_000;
    public static final int QUICK_TEST = 2_000;
    public static final int QUICK_TRAIN_EVAL = 1_000;
    /** Epochs in quick mode unless given. */
    public static final int QUICK_EPOCHS = 3;

    /** The quoted accuracy, if the lecture quotes one. */
    public OptionalDouble lectureAccuracy() {
        return Double.isNaN(lectureTestAccuracy) ? OptionalDouble.empty() : OptionalDouble.of(lectureTestAccuracy);
    }

    /** The full-mode configs: the lecture's data and {@link #fullEpochs} epochs. */
    public List<TrainingConfig> configs() {
        return runs.apply(fullEpochs);
    }

    /**
     * The configs for a reproduce run with the mode's own number of epochs: the lecture's
     * ({@link #fullEpochs}) on full data, or {@value #QUICK_EPOCHS} in quick mode.
     */
    public List<TrainingConfig> configs(boolean quick) {
        return configs(quick, quick ? QUICK_EPOCHS : fullEpochs);
    }

    /**
     * The configs for a reproduce run: full data, or in quick mode the first {@value #QUICK_TRAIN} /
     * {@value #QUICK_VALIDATION} / {@value #QUICK_TEST} images; {@code epochs} as in
     * {@link TrainingConfig#checkEpochs}.
     */
    public List<TrainingConfig> configs(boolean quick, int epochs) {
        int e = TrainingConfig.checkEpochs("epochs", epochs);
        List<TrainingConfig> configs = runs.apply(e);
        if (!quick) {
            return configs;
        }
        return configs.stream()
                .map(c -> c.toBuilder().subsets(QUICK_TRAIN, QUICK_VALIDATION, QUICK_TEST)
                        .trainEvalSize(QUICK_TRAIN_EVAL).build())
                .toList();
    }
}
