package org.descentlab.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * torch's {@code BatchNorm1d(C, eps, momentum)} for inputs of shape {@code (B, C)}: each feature is
 * normalised with the batch mean and biased variance in training (running statistics updated with the
 * unbiased variance, {@code running = (1 - momentum) * running + momentum * batch}), with the running
 * statistics in evaluation, then scaled by gamma and shifted by beta.
 *
 * <p>Why not DJL's {@link BatchNorm}: it computes the same thing with the engine's batch norm, but on
 * the PyTorch engine every call with {@code axis = 1} goes through a sub-manager and two
 * {@code swapAxes} (torch already normalises dimension 1), and the direct path ({@code axis = -1}) is
 * refused by the block's own initialisation. At B = 64 those wrappers cost about a tenth of a
 * training iteration. This block calls the engine with {@code axis = -1}, which for a 2-D input is the
 * same dimension: {@code BatchNorm1dTest} checks outputs, gradients and running statistics bit for bit
 * against DJL's block.
 *
 * <p>Parameters as DJL's block, under the same names and types: {@code gamma} (1) and {@code beta} (0),
 * trainable; {@code runningMean} (0) and {@code runningVar} (1), not trainable.
 */
public final class BatchNorm1d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final float momentum;
    private final float epsilon;
    private long features;

    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;

    /**
     * @param momentum torch's momentum: the weight of the batch statistics in the running ones, in (0, 1]
     * @param epsilon added to the variance before the square root, &gt; 0
     */
    public BatchNorm1d(float momentum, float epsilon) {
        super(VERSION);
        if (!(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum = " + momentum + " is invalid: must be in (0, 1]"
                    + " (torch's convention: the weight of the new batch statistics)");
        }
        if (!(epsilon > 0) || Float.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon = " + epsilon + " is invalid: must be a finite number > 0");
        }
        this.momentum = momentum;
        this.epsilon = epsilon;
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optRequiresGrad(false).build());
    }

    /** torch's momentum (weight of the batch statistics). */
    public float momentum() {
        return momentum;
    }

    public float epsilon() {
        return epsilon;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != features) {
            throw new IllegalArgumentException("input shape " + x.getShape() + " is invalid: must be (B, "
                    + features + ")");
        }
        var device = x.getDevice();
        // axis -1 is the engine's direct path; DJL's momentum is the weight of the old running value
        return BatchNorm.batchNorm(x, store.getValue(runningMean, device, training),
                store.getValue(runningVar, device, training), store.getValue(gamma, device, training),
                store.getValue(beta, device, training), -1, 1 - momentum, epsilon, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void beforeInitialize(Shape... inputShapes) {
        super.beforeInitialize(inputShapes);
        if (inputShapes.length != 1 || inputShapes[0].dimension() != 2) {
            throw new IllegalArgumentException("BatchNorm1d takes one input of shape (B, C), got "
                    + java.util.Arrays.toString(inputShapes));
        }
        features = inputShapes[0].get(1);
    }

    @Override
    public void prepare(Shape[] inputShapes) {
        Shape s = new Shape(features);
        gamma.setShape(s);
        beta.setShape(s);
        runningMean.setShape(s);
        runningVar.setShape(s);
    }

    @Override
    protected void saveMetadata(DataOutputStream os) throws IOException {
        saveInputShapes(os);
        os.writeLong(features);
    }

    @Override
    public void loadMetadata(byte loadVersion, DataInputStream is) throws IOException, MalformedModelException {
        if (loadVersion != VERSION) {
            throw new MalformedModelException("BatchNorm1d: unsupported encoding version " + loadVersion
                    + " (this version reads " + VERSION + ")");
        }
        readInputShapes(is);
        features = is.readLong();
    }

    @Override
    public String toString() {
        return "BatchNorm1d(" + features + ", eps=" + epsilon + ", momentum=" + momentum + ")";
    }
}
