package org.descentlab.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.Map;

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
 * <p>Defaults are optax's: weight_decay 0, trust_coefficient 0.001, eps 0, momentum 0.9, nesterov
 * false; optax has no default lr, here it is 1.0 (the trust ratio sets the scale of the step).
 */
public final class Lars extends DescentOptimizer {

    private final double weightDecay;
    private final double trustCoefficient;
    private final double eps;
    private final double momentum;
    private final boolean nesterov;

    private Lars(Builder b) {
        super(b.lr);
        this.weightDecay = Check.nonNegative("weight_decay", b.weightDecay);
        this.trustCoefficient = Check.positive("trust_coefficient", b.trustCoefficient);
        this.eps = Check.nonNegative("eps", b.eps);
        this.momentum = Check.unitInterval("momentum", b.momentum);
        this.nesterov = b.nesterov;
        if (nesterov && momentum <= 0) {
            throw new IllegalArgumentException(
                    "nesterov = true is invalid with momentum = " + momentum
                            + ": Nesterov momentum needs momentum in (0, 1)");
        }
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
        Lars lars = builder()
                .lr(o.getDouble("lr", 1.0))
                .weightDecay(o.getDouble("weight_decay", 0))
                .trustCoefficient(o.getDouble("trust_coefficient", 0.001))
                .eps(o.getDouble("eps", 0))
                .momentum(o.getDouble("momentum", 0.9))
                .nesterov(o.getBoolean("nesterov", false))
                .build();
        o.finish("LARS");
        return lars;
    }

    @Override
    public String name() {
        return "LARS";
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("weight_decay", weightDecay);
        h.put("trust_coefficient", trustCoefficient);
        h.put("eps", eps);
        h.put("momentum", momentum);
        h.put("nesterov", nesterov);
        return h;
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        NDArray u = weightDecay != 0 ? grad.add(w.mul(weightDecay)) : grad;
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

    /** Builder with optax's defaults. */
    public static final class Builder {
        private double lr = 1.0;
        private double weightDecay;
        private double trustCoefficient = 0.001;
        private double eps;
        private double momentum = 0.9;
        private boolean nesterov;

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder trustCoefficient(double trustCoefficient) {
            this.trustCoefficient = trustCoefficient;
            return this;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder nesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        public Lars build() {
            return new Lars(this);
        }
    }
}
