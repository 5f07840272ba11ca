package org.descentlab.optim;

import static org.descentlab.optim.HyperParameter.Range.CLOSED_UNIT;
import static org.descentlab.optim.HyperParameter.Range.UNIT;

import ai.djl.ndarray.NDArray;

/**
 * Stochastic gradient descent with coupled L2 weight decay, heavy-ball momentum and Nesterov
 * momentum, in torch's parameterization ({@code torch.optim.SGD}).
 *
 * <pre>
 *   g  = grad + weight_decay * w                      (coupled L2: decay enters the gradient)
 *   b  = g                                 at t = 1    (torch starts the buffer at the gradient)
 *   b  = momentum * b + (1 - dampening) * g  at t > 1
 *   d  = g + momentum * b   if nesterov, else b   (d = g when momentum = 0)
 *   w  = w - lr * d
 * </pre>
 *
 * <p>CTU DLE L7 (slide "Momentum partially suppresses oscillations by averaging element-wise") writes
 * {@code v = beta v - g; w = w + alpha v}: with dampening 0 that is this update with {@code b = -v} and
 * {@code alpha = lr}, at any learning rate, since neither keeps the rate in the buffer ({@link HeavyBall}
 * implements the slide's form). TTIC 31230 (slide "Heavy Ball Momentum") writes
 * {@code v = mu v + eta g; w = w - v}, with the rate inside the velocity: {@code v = lr * b} only while
 * the learning rate is constant. When a schedule changes it (ReduceLROnPlateau dividing it by 10, say),
 * torch's form rescales the whole accumulated buffer at once, whereas the velocity form still carries
 * the old rate in its past steps and slows down gradually. See {@link EmaMomentum} for TTIC 31230's EMA
 * form. Defaults ({@link #HYPER}) are torch's; torch has no default lr.
 */
public final class Sgd extends DescentOptimizer {

    static final HyperParameter<Double> MOMENTUM = HyperParameter.number(
            "momentum", 0, UNIT, "heavy-ball momentum mu (0: plain SGD)");
    static final HyperParameter<Double> DAMPENING = HyperParameter.number(
            "dampening", 0, CLOSED_UNIT, "weight 1 - dampening of the new gradient in the buffer");

    /** SGD's hyper-parameters: torch's names and defaults. */
    public static final HyperParameters HYPER = HyperParameters.of("SGD", HyperParameter.lr(1e-3),
            MOMENTUM, DAMPENING, HyperParameters.WEIGHT_DECAY, HyperParameters.NESTEROV);

    private final double momentum = hyper(MOMENTUM);
    private final double dampening = hyper(DAMPENING);
    private final double weightDecay = hyper(HyperParameters.WEIGHT_DECAY);
    private final boolean nesterov = hyper(HyperParameters.NESTEROV);

    private Sgd(HyperValues h) {
        super(h);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException(
                    "nesterov = true is invalid with momentum = " + momentum + " and dampening = "
                            + dampening + ": Nesterov momentum needs momentum in (0, 1) and dampening = 0");
        }
    }

    /** A builder with torch's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Plain SGD with learning rate {@code lr}. */
    public static Sgd of(double lr) {
        return builder().lr(lr).build();
    }

    /** Builds from torch-named options: lr, momentum, dampening, weight_decay, nesterov. */
    public static Sgd fromOptions(Options o) {
        return builder().buildFrom(o);
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        // constant(x, w) is x as a cached 0-dim array: the same arithmetic as mul(x), without
        // creating a scalar array per operation (see ConstantCache)
        NDArray g = coupledDecay(grad, w, weightDecay);
        NDArray d = g;
        if (momentum != 0) {
            boolean first = !state.hasSlot("momentum_buffer");
            NDArray b = state.slot("momentum_buffer", w);
            if (first) {
                b.addi(g);
            } else {
                b.muli(constant(momentum, w)).addi(dampening != 0 ? g.mul(constant(1 - dampening, w)) : g);
            }
            d = nesterov ? g.add(b.mul(constant(momentum, w))) : b;
        }
        w.subi(d.mul(constant(lr, w)));
    }

    /** Builder with torch's defaults ({@link #HYPER}). */
    public static final class Builder extends HyperBuilder<Builder, Sgd>
            implements SharedSetters.Momentum<Builder>, SharedSetters.Nesterov<Builder> {

        public Builder() {
            super(HYPER, Sgd::new);
        }

        public Builder dampening(double dampening) {
            return set(DAMPENING, dampening);
        }
    }
}
