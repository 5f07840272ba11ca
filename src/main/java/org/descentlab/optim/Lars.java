package org.descentlab.optim;

import static org.descentlab.optim.HyperParameter.Range.NON_NEGATIVE;
import static org.descentlab.optim.HyperParameter.Range.POSITIVE;
import static org.descentlab.optim.HyperParameter.Range.UNIT;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * LARS, layer-wise adaptive rate scaling (You, Gitman and Ginsburg 2017, "Large Batch Training of
 * Convolutional Networks"; STAT 453 L12 lists it in the optimizer memory table, slide
 * "Which Optimizer should I use for my ML Project?"): each layer's step is rescaled by a trust ratio, the ratio of the
 * weight norm to the update norm, so that every layer moves by about the same fraction of its size.
 * Every named parameter (every NDArray) is one "layer".
 *
 * <pre>
 *   u     = grad + weight_decay * w
 *   ratio = trust_coefficient * ||w|| / (||u|| + eps)     (ratio = 1 if ||w|| = 0 or ||u|| = 0)
 *   b     = momentum * b + lr * ratio * u                  (b_0 = 0; lr inside the buffer)
 *   w     = w - b                                          (w = w - (lr * ratio * u + momentum * b)
 *                                                           if nesterov)
 * </pre>
 *
 * This is the convention of {@code optax.lars} (its chain add_decayed_weights, scale_by_trust_ratio,
 * scale_by_learning_rate, trace), so optax's trajectories are the reference. It differs from the
 * paper's Algorithm 1 in the denominator: the paper writes {@code ||grad|| + weight_decay ||w||}, an
 * upper bound of {@code ||grad + weight_decay w||} used here. The norms are Euclidean norms over all
 * entries of the parameter, computed in double precision. The last ratio of each parameter is kept
 * (scalar {@code trust_ratio} of its {@link ParamState}) for plots. torch.optim has no LARS.
 *
 * <p>Defaults ({@link #HYPER}) are optax's; optax has no default lr, the one here is large because the
 * trust ratio sets the scale of the step.
 */
public final class Lars extends DescentOptimizer {

    static final HyperParameter<Double> TRUST_COEFFICIENT = HyperParameter.number(
            "trust_coefficient", 0.001, POSITIVE, "scale of the trust ratio ||w|| / ||u||");
    static final HyperParameter<Double> EPS = HyperParameter.number(
            "eps", 0, NON_NEGATIVE, "added to ||u|| in the trust ratio");
    static final HyperParameter<Double> MOMENTUM = HyperParameter.number(
            "momentum", 0.9, UNIT, "heavy-ball momentum, lr inside the buffer (optax's trace)");

    /** LARS' hyper-parameters: optax's names and defaults (optax has no default lr; here 1.0). */
    public static final HyperParameters HYPER = HyperParameters.of("LARS", HyperParameter.lr(1.0),
            HyperParameters.WEIGHT_DECAY, TRUST_COEFFICIENT, EPS, MOMENTUM, HyperParameters.NESTEROV);

    private final double weightDecay = hyper(HyperParameters.WEIGHT_DECAY);
    private final double trustCoefficient = hyper(TRUST_COEFFICIENT);
    private final double eps = hyper(EPS);
    private final double momentum = hyper(MOMENTUM);
    private final boolean nesterov = hyper(HyperParameters.NESTEROV);

    private Lars(HyperValues h) {
        super(h);
        HyperParameters.checkNesterov(nesterov, momentum);
    }

    /** A builder with optax's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** LARS with learning rate {@code lr} and optax's other defaults. */
    public static Lars of(double lr) {
        return builder().lr(lr).build();
    }

    /** Builds from options: lr, weight_decay, trust_coefficient, eps, momentum, nesterov. */
    public static Lars fromOptions(Options o) {
        return builder().buildFrom(o);
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        NDArray u = coupledDecay(grad, w, weightDecay);
        double weightNorm = norm(w);
        double updateNorm = norm(u);
        double ratio = weightNorm == 0 || updateNorm == 0
                ? 1.0
                : trustCoefficient * weightNorm / (updateNorm + eps);
        state.setScalar("trust_ratio", ratio);
        NDArray step = u.mul(lr * ratio);
        if (momentum != 0) {
            NDArray b = state.slot("momentum_buffer", w);
            b.muli(momentum).addi(step);
            step = nesterov ? step.add(b.mul(momentum)) : b;
        }
        w.subi(step);
    }

    private static double norm(NDArray a) {
        return Math.sqrt(a.toType(DataType.FLOAT64, false).square().sum().getDouble());
    }

    /** Builder with optax's defaults ({@link #HYPER}). */
    public static final class Builder extends HyperBuilder<Builder, Lars>
            implements SharedSetters.Eps<Builder>, SharedSetters.Momentum<Builder>, SharedSetters.Nesterov<Builder> {

        public Builder() {
            super(HYPER, Lars::new);
        }

        public Builder trustCoefficient(double trustCoefficient) {
            return set(TRUST_COEFFICIENT, trustCoefficient);
        }
    }
}
