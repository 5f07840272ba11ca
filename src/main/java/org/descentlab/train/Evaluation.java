package org.descentlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;

import org.descentlab.data.MnistBatches;
import org.descentlab.data.MnistData;

/**
 * The evaluation after each epoch, in eval mode (dropout off, BatchNorm running statistics): accuracy on
 * the fixed training subset (and its loss, if {@link TrainingConfig#trainEvalLoss()}), on the validation
 * set and, if asked for, on the test set.
 */
final class Evaluation {

    /** Batch size of evaluation passes (no gradients, so it only affects speed). */
    static final int BATCH = 1000;

    /** One epoch's scores; NaN where not measured. */
    record Scores(double trainAccuracy, double trainLoss, double validationAccuracy, double testAccuracy) {}

    private final MnistData trainSubset;
    private final MnistData validation;
    private final MnistData test;
    private final boolean trainLoss;
    private final boolean testEachEpoch;

    Evaluation(TrainingConfig config, MnistData trainSubset, MnistData validation, MnistData test) {
        this.trainSubset = trainSubset;
        this.validation = validation;
        this.test = test;
        this.trainLoss = config.trainEvalLoss();
        this.testEachEpoch = config.testEachEpoch();
    }

    /** The scores of the current weights. */
    Scores afterEpoch(Trainer trainer) {
        double[] train = pass(trainer, trainSubset, trainLoss);
        return new Scores(train[0], train[1], accuracy(trainer, validation),
                testEachEpoch ? accuracy(trainer, test) : Double.NaN);
    }

    /** Test accuracy at the end: the last epoch's if it was measured then. */
    double testAccuracy(Trainer trainer, EpochMetrics last) {
        return testEachEpoch && last != null ? last.testAccuracy() : accuracy(trainer, test);
    }

    /** Percent of {@code data} classified correctly, in eval mode. */
    static double accuracy(Trainer trainer, MnistData data) {
        return pass(trainer, data, false)[0];
    }

    /** Percent correct and (if {@code withLoss}, else NaN) the mean loss over {@code data}, in one pass. */
    private static double[] pass(Trainer trainer, MnistData data, boolean withLoss) {
        long correct = 0;
        double lossSum = 0;
        for (Batch batch : MnistBatches.evaluation(data, Math.min(BATCH, data.count())).epoch(trainer.getManager(), 0)) {
            try (batch) {
                NDArray logits = trainer.evaluate(batch.getData()).singletonOrThrow();
                NDArray labels = batch.getLabels().singletonOrThrow();
                correct += logits.argMax(1).eq(labels).sum().getLong();
                if (withLoss) {
                    // the loss is the batch mean: weight it by the batch's size
                    lossSum += trainer.getLoss().evaluate(batch.getLabels(), new NDList(logits)).getFloat()
                            * (double) labels.getShape().get(0);
                }
            }
        }
        return new double[] {100.0 * correct / data.count(), withLoss ? lossSum / data.count() : Double.NaN};
    }
}
