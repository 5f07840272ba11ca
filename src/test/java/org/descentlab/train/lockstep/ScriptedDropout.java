package org.descentlab.train.lockstep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Dropout whose masks come from a {@link DropoutMasks} (as model {@code model} of a lockstep group
 * gets them), for a separate run that must see exactly the lockstep masks. The caller sets
 * {@code position[0]} (epoch) and {@code position[1]} (batch) before each forward.
 */
final class ScriptedDropout extends AbstractBlock {

    private final float rate;
    private final int layer;
    private final int model;
    private final DropoutMasks masks;
    private final int[] position;

    ScriptedDropout(float rate, int layer, int model, DropoutMasks masks, int[] position) {
        super((byte) 1);
        this.rate = rate;
        this.layer = layer;
        this.model = model;
        this.masks = masks;
        this.position = position;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (!training) {
            return new NDList(x);
        }
        int rows = (int) x.getShape().get(0);
        int cols = (int) x.getShape().get(1);
        float[] m = new float[rows * cols];
        masks.fill(model, layer, position[0], position[1], rate, rows, cols, m);
        return new NDList(x.mul(x.getManager().create(m, new Shape(rows, cols))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
