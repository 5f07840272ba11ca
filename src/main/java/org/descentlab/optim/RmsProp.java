package org.descentlab.optim;

import static org.descentlab.optim.HyperParameter.Range.NON_NEGATIVE;
import static org.descentlab.optim.HyperParameter.Range.POSITIVE;
import static org.descentlab.optim.HyperParameter.Range.UNIT;

import ai.djl.ndarray.NDArray;

/**
 * RMSProp (Hinton's lecture 6e) as {@code torch.optim.RMSprop}: STAT 453 L12 (slide
 * "Adaptive Learning Rate via RMSProp"), CTU DLE L7 (the slide with
 * {@code torch.optim.RMSprop(params, lr=0.01, alpha=0.99)}) and CSC413 L4 (slide "RMSprop and Adam").
 *
 * <pre>
 *   g    = grad + weight_decay * w                     (coupled L2)
 *   s    = alpha s + (1 - alpha) g^2                   (s_0 = initial_accumulator_value)
 *   avg  = s                        or, if centered:
 *   m    = alpha m + (1 - alpha) g;  avg = s - m^2     (Graves 2013: a variance instead of a mean square)
 *   d    = sqrt(avg) + eps                             (CTU DLE L7 and STAT 453 L12, torch)
 *   d    = sqrt(avg + eps)                             (if eps_inside_sqrt: CSC413 L4, optax's default)
 *   w    = w - lr g / d                                (momentum = 0)
 *   b    = momentum b + g / d;  w = w - lr b           (momentum > 0, b_0 = 0, torch's buffer)
 * </pre>
 *
 * {@code alpha} is STAT 453 L12's beta and CSC413 L4's {@code 1 - gamma}. TTIC 31230 (slide "Adam") remarks that
 * this momentum is heavy-ball (the buffer sums {@code g/d} with weight 1), unlike Adam's EMA. optax's
 * {@code rmsprop} keeps {@code lr} inside its momentum buffer; with a constant lr the iterates agree.
 * Defaults ({@link #HYPER}) are torch's; {@code initial_accumulator_value} is the name torch's Adagrad
 * gives the start value (optax calls it {@code initial_scale}).
 */
public final class RmsProp extends DescentOptimizer {

    static final HyperParameter<Double> ALPHA = HyperParameter.number(
            "alpha", 0.99, UNIT, "the EMA's weight of the old mean square");
    static final HyperParameter<Double> EPS = HyperParameter.number(
            "eps", 1e-8, POSITIVE, "added to the root in the denominator");
    static final HyperParameter<Double> MOMENTUM = HyperParameter.number(
            "momentum", 0, UNIT, "heavy-ball momentum on g / d (0: none)");
    static final HyperParameter<Boolean> CENTERED = HyperParameter.flag(
            "centered", false, "divide by the root of the variance s - m^2 (Graves 2013)");
    static final HyperParameter<Boolean> EPS_INSIDE_SQRT = HyperParameter.flag(
            "eps_inside_sqrt", false, "sqrt(s + eps) as CSC413 L4 and optax, instead of sqrt(s) + eps");
    static final HyperParameter<Double> INITIAL_ACCUMULATOR_VALUE = HyperParameter.number(
            "initial_accumulator_value", 0, NON_NEGATIVE, "s_0, the start of the mean square (optax's initial_scale)");

    /** RMSprop's hyper-parameters: torch's names and defaults, plus eps_inside_sqrt and initial_accumulator_value. */
    public static final HyperParameters HYPER = HyperParameters.of("RMSprop", HyperParameter.lr(1e-2),
            ALPHA, EPS, HyperParameters.WEIGHT_DECAY, MOMENTUM, CENTERED, EPS_INSIDE_SQRT, INITIAL_ACCUMULATOR_VALUE);

    private final double alpha = hyper(ALPHA);
    private final double eps = hyper(EPS);
    private final double weightDecay = hyper(HyperParameters.WEIGHT_DECAY);
    private final double momentum = hyper(MOMENTUM);
    private final boolean centered = hyper(CENTERED);
    private final boolean epsInsideSqrt = hyper(EPS_INSIDE_SQRT);
    private final double initialAccumulatorValue = hyper(INITIAL_ACCUMULATOR_VALUE);

    private RmsProp(HyperValues h) {
        super(h);
    }

    /** A builder with torch's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** RMSprop with learning rate {@code lr} and torch's other defaults. */
    public static RmsProp of(double lr) {
        return builder().lr(lr).build();
    }

    /**
     * Builds from torch-named options: lr, alpha, eps, weight_decay, momentum, centered, and
     * eps_inside_sqrt, initial_accumulator_value.
     */
    public static RmsProp fromOptions(Options o) {
        return builder().buildFrom(o);
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        NDArray g = coupledDecay(grad, w, weightDecay);
        NDArray avg = ema(state.slot("square_avg", w, initialAccumulatorValue), g.mul(g), alpha);
        if (centered) {
            NDArray m = ema(state.slot("grad_avg", w), g, alpha);
            avg = avg.sub(m.mul(m));
        }
        NDArray denom = epsInsideSqrt ? avg.add(eps).sqrt() : avg.sqrt().addi(eps);
        if (momentum > 0) {
            NDArray b = state.slot("momentum_buffer", w);
            b.muli(momentum).addi(g.div(denom));
            w.subi(b.mul(lr));
        } else {
            w.subi(g.div(denom).muli(lr));
        }
    }

    /** Builder with torch's defaults ({@link #HYPER}). */
    public static final class Builder extends HyperBuilder<Builder, RmsProp>
            implements SharedSetters.Eps<Builder>, SharedSetters.Momentum<Builder>, SharedSetters.EpsInsideSqrt<Builder>, SharedSetters.InitialAccumulatorValue<Builder> {

        public Builder() {
            super(HYPER, RmsProp::new);
        }

        public Builder alpha(double alpha) {
            return set(ALPHA, alpha);
        }

        public Builder centered(boolean centered) {
            return set(CENTERED, centered);
        }
    }
}
