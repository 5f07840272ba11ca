package org.descentlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * torch's default initialisation of {@code nn.Linear}: weight and bias both drawn from
 * {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))}. For the weight this is {@code kaiming_uniform_(a =
 * sqrt(5))}: bound {@code = gain * sqrt(3 / fan_in)} with {@code gain = sqrt(2 / (1 + a^2)) =
 * sqrt(1/3)}, i.e. {@code 1/sqrt(fan_in)}; for the bias torch uses the same bound directly.
 *
 * <p>The bias has no fan-in of its own, so the layer's fan-in is given here. The numbers come from
 * the engine's random generator (seed it with {@code Engine.setRandomSeed} first): the distribution
 * matches torch, the individual draws do not.
 */
public final class TorchLinearInit implements Initializer {

    private final long fanIn;

    /** @param fanIn the number of inputs of the layer, {@code >= 1} */
    public TorchLinearInit(long fanIn) {
        if (fanIn < 1) {
            throw new IllegalArgumentException("fan_in = " + fanIn + " is invalid: must be an integer >= 1");
        }
        this.fanIn = fanIn;
    }

    /** The bound {@code 1/sqrt(fan_in)}. */
    public double bound() {
        return 1.0 / Math.sqrt(fanIn);
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        float b = (float) bound();
        return manager.randomUniform(-b, b, shape, dataType);
    }
}
