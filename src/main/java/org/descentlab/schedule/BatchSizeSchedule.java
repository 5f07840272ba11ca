package org.descentlab.schedule;

import org.descentlab.util.Check;

import java.util.Arrays;

/**
 * "Don't decay the learning rate, increase the batch size" (Smith, Kindermans, Ying and Le 2017, STAT 453
 * L12, slide "Relationship between Learning Rate and Batch Size"): where a step schedule would divide the rate by {@code factor}, multiply the batch size by
 * {@code factor} instead. The SGD noise scale {@code g ~ lr * N / B} then falls the same way, with
 * fewer parameter updates.
 *
 * <pre>
 *   n(e)            = number of milestones m &lt;= e        (or floor(e / step_size))
 *   batchSizeAt(e)  = min(B0 * factor^n(e), B_max)      (rounded to a whole number)
 *   lrAt(e)         = lr0 * (batchSizeAt(e) / B0) / factor^n(e)
 * </pre>
 *
 * Without a cap {@code lrAt} stays {@code lr0}. Once the batch size reaches {@code B_max}, the part of
 * the factor that the batch size can no longer take goes into the rate, as in the paper (which
 * increases the batch size until a maximum and then decays the rate): the ratio {@code lrAt(e) /
 * batchSizeAt(e)} always equals the equivalent step schedule's {@code lr0 / factor^n(e) / B0} (up to
 * rounding of the batch size). {@link #equivalentLrSchedule()} is the step decay it replaces.
 */
public final class BatchSizeSchedule {

    private final long initialBatchSize;
    private final long[] milestones;
    private final long stepSize;
    private final double factor;
    private final long maxBatchSize;
    private final double lr;

    private BatchSizeSchedule(
            double lr, long initialBatchSize, long[] milestones, long stepSize, double factor, long maxBatchSize) {
        this.lr = Check.nonNegative("lr", lr);
        this.initialBatchSize = Check.atLeast("initial_batch_size", initialBatchSize, 1);
        this.milestones = milestones;
        this.stepSize = stepSize;
        if (!(factor >= 1) || Double.isInfinite(factor)) {
            throw Check.invalid("factor", factor, "a finite number >= 1 (the batch size must not shrink)");
        }
        this.factor = factor;
        this.maxBatchSize = Check.atLeast("max_batch_size", maxBatchSize, initialBatchSize);
    }

    /**
     * The batch size is multiplied by {@code factor} every {@code stepSize} epochs (the counterpart of
     * {@link StepLR} with {@code gamma = 1/factor}).
     *
     * @param lr the initial rate, {@code >= 0}
     * @param initialBatchSize the initial batch size, {@code >= 1}
     * @param stepSize epochs between increases, {@code >= 1}
     * @param factor the batch size multiplier, {@code >= 1}
     * @param maxBatchSize the cap, {@code >= initialBatchSize} ({@code Long.MAX_VALUE} for none)
     */
    public static BatchSizeSchedule everySteps(
            double lr, long initialBatchSize, long stepSize, double factor, long maxBatchSize) {
        return new BatchSizeSchedule(
                lr, initialBatchSize, null, Check.atLeast("step_size", stepSize, 1), factor, maxBatchSize);
    }

    /**
     * The batch size is multiplied by {@code factor} at each milestone epoch (the counterpart of
     * {@link MultiStepLR} with {@code gamma = 1/factor}).
     *
     * @param milestones epochs, strictly increasing, each {@code >= 1}
     */
    public static BatchSizeSchedule atMilestones(
            double lr, long initialBatchSize, long[] milestones, double factor, long maxBatchSize) {
        long[] m = Milestones.check("milestones", milestones, 1, false);
        return new BatchSizeSchedule(lr, initialBatchSize, m, 0, factor, maxBatchSize);
    }

    /** How many increases have happened by {@code epoch}. */
    public long increasesAt(long epoch) {
        Check.atLeast("epoch", epoch, 0);
        return milestones != null ? Milestones.passed(milestones, epoch) : epoch / stepSize;
    }

    /** The batch size for {@code epoch} ({@code >= 0}). */
    public long batchSizeAt(long epoch) {
        double b = initialBatchSize * Math.pow(factor, increasesAt(epoch));
        return b >= maxBatchSize ? maxBatchSize : Math.round(b);
    }

    /** The learning rate for {@code epoch}: {@code lr0} until the cap is reached, then decayed. */
    public double lrAt(long epoch) {
        long n = increasesAt(epoch);
        return lr * ((double) batchSizeAt(epoch) / initialBatchSize) / Math.pow(factor, n);
    }

    /** The step decay this replaces: {@code lr0 / factor^n(e)} at the initial batch size. */
    public Schedule equivalentLrSchedule() {
        return milestones != null
                ? new MultiStepLR(lr, milestones, 1 / factor)
                : new StepLR(lr, stepSize, 1 / factor);
    }

    /** A description for legends. */
    public String describe() {
        return "BatchSizeSchedule(lr=" + lr + ", batch_size=" + initialBatchSize
                + (milestones != null ? ", milestones=" + Arrays.toString(milestones) : ", step_size=" + stepSize)
                + ", factor=" + factor + (maxBatchSize == Long.MAX_VALUE ? "" : ", max_batch_size=" + maxBatchSize)
                + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
