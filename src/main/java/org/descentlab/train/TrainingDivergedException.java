package org.descentlab.train;

import java.util.Locale;

/**
 * The loss became NaN or infinite: the run is stopped before the bad gradients are applied. The
 * message names where (step, epoch, batch), the rate, and what to try.
 */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final int epoch;
    private final int batch;
    private final int batches;
    private final double lr;
    private final double loss;

    /**
     * @param step 1-based update count of the run at which the loss was bad
     * @param epoch 1-based epoch
     * @param batch 1-based batch within the epoch
     * @param batches batches per epoch
     * @param lr the learning rate in use
     * @param loss the bad loss value
     */
    public TrainingDivergedException(long step, int epoch, int batch, int batches, double lr, double loss) {
        super(String.format(Locale.ROOT,
                "training diverged: the loss is %s at step %d (epoch %d, batch %d of %d) with lr = %s."
                        + " Lower the learning rate (e.g. lr = %s, a tenth) or clip the gradients"
                        + " (GradientClipping.byGlobalNorm(1.0), torch's clip_grad_norm_)",
                loss, step, epoch, batch, batches, lr, lr / 10));
        this.step = step;
        this.epoch = epoch;
        this.batch = batch;
        this.batches = batches;
        this.lr = lr;
        this.loss = loss;
    }

    public long step() {
        return step;
    }

    public int epoch() {
        return epoch;
    }

    public int batch() {
        return batch;
    }

    public int batches() {
        return batches;
    }

    public double lr() {
        return lr;
    }

    public double loss() {
        return loss;
    }
}
