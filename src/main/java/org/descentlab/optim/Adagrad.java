package org.descentlab.optim;

import static org.descentlab.optim.HyperParameter.Range.NON_NEGATIVE;
import static org.descentlab.optim.HyperParameter.Range.POSITIVE;

import ai.djl.ndarray.NDArray;

/**
 * AdaGrad (Duchi et al. 2011) as {@code torch.optim.Adagrad}; CTU DLE L7,
 * the slide with "Gradient accumulation" and {@code torch.optim.Adagrad(params, lr=0.01, eps=1e-10)}.
 *
 * <pre>
 *   g   = grad + weight_decay * w                     (coupled L2)
 *   clr = lr / (1 + (t - 1) * lr_decay)
 *   q   = q + g^2                                     (q_0 = initial_accumulator_value)
 *   w   = w - clr * g / (sqrt(q) + eps)               (the slide's alpha / (sqrt(q^k) + eps))
 *   w   = w - clr * g / sqrt(q + eps)                 (if eps_inside_sqrt: optax's adagrad)
 * </pre>
 *
 * The slide and torch put {@code eps} outside the root; optax ({@code scale_by_rss}) puts it inside,
 * hence {@code eps_inside_sqrt}. Defaults ({@link #HYPER}) are torch's.
 */
public final class Adagrad extends DescentOptimizer {

    static final HyperParameter<Double> LR_DECAY = HyperParameter.number(
            "lr_decay", 0, NON_NEGATIVE, "clr = lr / (1 + (t - 1) * lr_decay)");
    static final HyperParameter<Double> INITIAL_ACCUMULATOR_VALUE = HyperParameter.number(
            "initial_accumulator_value", 0, NON_NEGATIVE, "q_0, the start of the sum of squares");
    static final HyperParameter<Double> EPS = HyperParameter.number(
            "eps", 1e-10, POSITIVE, "added to the root in the denominator");
    static final HyperParameter<Boolean> EPS_INSIDE_SQRT = HyperParameter.flag(
            "eps_inside_sqrt", false, "sqrt(q + eps) as optax, instead of sqrt(q) + eps");

    /** Adagrad's hyper-parameters: torch's names and defaults, plus optax's eps_inside_sqrt. */
    public static final HyperParameters HYPER = HyperParameters.of("Adagrad", HyperParameter.lr(1e-2),
            LR_DECAY, HyperParameters.WEIGHT_DECAY, INITIAL_ACCUMULATOR_VALUE, EPS, EPS_INSIDE_SQRT);

    private final double lrDecay = hyper(LR_DECAY);
    private final double weightDecay = hyper(HyperParameters.WEIGHT_DECAY);
    private final double initialAccumulatorValue = hyper(INITIAL_ACCUMULATOR_VALUE);
    private final double eps = hyper(EPS);
    private final boolean epsInsideSqrt = hyper(EPS_INSIDE_SQRT);

    private Adagrad(HyperValues h) {
        super(h);
    }

    /** A builder with torch's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Adagrad with learning rate {@code lr} and torch's other defaults. */
    public static Adagrad of(double lr) {
        return builder().lr(lr).build();
    }

    /**
     * Builds from torch-named options: lr, lr_decay, weight_decay, initial_accumulator_value, eps,
     * eps_inside_sqrt.
     */
    public static Adagrad fromOptions(Options o) {
        return builder().buildFrom(o);
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        long t = state.step();
        NDArray g = coupledDecay(grad, w, weightDecay);
        double clr = lr / (1 + (t - 1) * lrDecay);
        NDArray sum = state.slot("sum", w, initialAccumulatorValue);
        sum.addi(g.mul(g));
        NDArray denom = epsInsideSqrt ? sum.add(eps).sqrt() : sum.sqrt().addi(eps);
        w.subi(g.div(denom).muli(clr));
    }

    /** Builder with torch's defaults ({@link #HYPER}). */
    public static final class Builder extends HyperBuilder<Builder, Adagrad>
            implements SharedSetters.InitialAccumulatorValue<Builder>, SharedSetters.Eps<Builder>, SharedSetters.EpsInsideSqrt<Builder> {

        public Builder() {
            super(HYPER, Adagrad::new);
        }

        public Builder lrDecay(double lrDecay) {
            return set(LR_DECAY, lrDecay);
        }
    }
}
