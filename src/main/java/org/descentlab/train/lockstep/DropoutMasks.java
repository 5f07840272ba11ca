package org.descentlab.train.lockstep;

/**
 * Where the dropout masks of a lockstep group come from: for each model, layer, epoch and batch, a
 * {@code B x H} mask whose entries are 0 (dropped) or {@code 1 / (1 - p)} (kept, scaled as torch's
 * {@code nn.Dropout}). The mask of one model may depend only on its own arguments, never on the other
 * models of the group: that is what makes a lockstep model a function of its own seed.
 *
 * <p>Injectable so that a test can give a separate run (the library's single-model path) exactly the
 * masks a lockstep model draws ({@code LockstepAgreementTest}).
 */
@FunctionalInterface
public interface DropoutMasks {

    /**
     * Fills {@code out[0 .. rows*cols)} (row-major, {@code rows} = batch size, {@code cols} = layer width)
     * with the mask of {@code model} at dropout {@code layer} (0 = after the first hidden layer).
     *
     * @param model index of the model in its group
     * @param layer 0 or 1
     * @param epoch 0-based epoch
     * @param batch 0-based batch of the epoch
     * @param rate p, the probability of dropping an element
     */
    void fill(int model, int layer, int epoch, int batch, float rate, int rows, int cols, float[] out);
}
