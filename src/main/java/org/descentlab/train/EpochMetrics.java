package org.descentlab.train;

/**
 * One row of a run's metrics table.
 *
 * @param epoch 1-based
 * @param batchSize the mini-batch size of this epoch
 * @param trainLoss mean mini-batch loss of the epoch (training mode, dropout on, weights moving): what
 *     the course notebooks print as training loss
 * @param lastBatchLoss the loss of the epoch's last mini-batch ({@code scheduler_on='minibatch_loss'})
 * @param trainAccuracy percent correct on the fixed training subset, eval mode, after the epoch
 * @param validationAccuracy percent correct on the validation set after the epoch
 * @param testAccuracy percent correct on the test set after the epoch, NaN unless asked for
 * @param lr the learning rate used during the epoch
 * @param seconds wall time of the epoch including its evaluation
 * @param updates parameter updates since the start of the run (cumulative)
 * @param trainEvalLoss mean loss of the weights after the epoch on the fixed training subset of {@code
 *     trainAccuracy}, eval mode (dropout off); NaN unless asked for ({@link TrainingConfig#trainEvalLoss()})
 */
public record EpochMetrics(
        int epoch,
        int batchSize,
        double trainLoss,
        double lastBatchLoss,
        double trainAccuracy,
        double validationAccuracy,
        double testAccuracy,
        double lr,
        double seconds,
        long updates,
        double trainEvalLoss) {

    /** A row without the eval-mode training loss (NaN). */
    public EpochMetrics(int epoch, int batchSize, double trainLoss, double lastBatchLoss, double trainAccuracy,
            double validationAccuracy, double testAccuracy, double lr, double seconds, long updates) {
        this(epoch, batchSize, trainLoss, lastBatchLoss, trainAccuracy, validationAccuracy, testAccuracy, lr, seconds,
                updates, Double.NaN);
    }

    /** The same metrics without the wall time, for comparing runs that must agree exactly. */
    public EpochMetrics withoutTime() {
        return new EpochMetrics(epoch, batchSize, trainLoss, lastBatchLoss, trainAccuracy, validationAccuracy,
                testAccuracy, lr, 0, updates, trainEvalLoss);
    }
}
