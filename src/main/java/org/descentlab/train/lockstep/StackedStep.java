package org.descentlab.train.lockstep;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

import java.util.ArrayList;
import java.util.List;

/**
 * One update of every model of a group: the stacked forward pass on each model's own mini-batch, the K
 * losses, one backward pass of their sum (model k's gradient is that of its own loss) and one step of
 * the stacked optimizer, model k at its own rate.
 */
final class StackedStep {

    private final Engine engine = Engine.getInstance();
    private final StackedMlp model;
    private final StackedOptimizer optimizer;
    private final StackedBatches batches;
    private final DropoutMasks masks;
    private final NDManager manager;
    private final List<NDArray> params;

    StackedStep(StackedMlp model, StackedOptimizer optimizer, StackedBatches batches, DropoutMasks masks,
            NDManager manager) {
        this.model = model;
        this.optimizer = optimizer;
        this.batches = batches;
        this.masks = masks;
        this.manager = manager;
        this.params = model.trainableArrays();
    }

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
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray losses = StackedMlp.losses(model.forwardTrain(xy[0], masks, epoch, i), xy[1]);
                loss = losses.toFloatArray();
                collector.backward(losses.sum());
            }
            List<NDArray> grads = new ArrayList<>();
            for (NDArray p : params) {
                grads.add(p.getGradient());
            }
            optimizer.step(params, grads, lr, manager);
            for (NDArray p : params) {
                JniUtils.zeroGrad((PtNDArray) p);
            }
        }
        return loss;
    }
}
