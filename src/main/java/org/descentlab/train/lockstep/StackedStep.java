package org.descentlab.train.lockstep;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;

import java.util.ArrayList;
import java.util.List;

/**
 * One update of every model of a group: the stacked forward pass on each model's own mini-batch, the K
 * losses, one backward pass of their sum (model k's gradient is that of its own loss) and one step of
 * the stacked optimizer, model k at its own rate.
 */
record StackedStep(StackedMlp model, GroupOptimizer optimizer, StackedBatches batches, DropoutMasks masks,
        NDManager manager) {

    /** Full batches per epoch. */
    int batchCount() {
        return batches.batchCount();
    }

    /** Starts epoch {@code epoch} (0-based): every model's own data order. */
    void startEpoch(int epoch) {
        batches.startEpoch(epoch);
    }

    /**
     * Trains on batch {@code i} of epoch {@code epoch}, model m with rate {@code lr[m]}; returns each
     * model's loss on the batch before the update (NaN or infinite where a model has diverged).
     */
    float[] update(int epoch, int i, double[] lr) {
        float[] loss;
        try (NDScope scope = new NDScope()) {
            NDArray[] xy = batches.batch(manager, i);
            List<NDArray> leaves = model.startStep();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray losses = StackedMlp.losses(model.forwardTrain(xy[0], masks, epoch, i), xy[1]);
                loss = losses.toFloatArray();
                collector.backward(losses.sum());
            } finally {
                model.endStep();
            }
            List<NDArray> grads = new ArrayList<>();
            for (NDArray leaf : leaves) {
                grads.add(leaf.getGradient());
            }
            optimizer.step(model.trainableArrays(), grads, lr, manager);
        }
        return loss;
    }
}
