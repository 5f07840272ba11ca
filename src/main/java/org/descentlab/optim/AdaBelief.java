package org.descentlab.optim;

import static org.descentlab.optim.HyperParameter.Range.NON_NEGATIVE;
import static org.descentlab.optim.HyperParameter.Range.POSITIVE;

import ai.djl.ndarray.NDArray;

/**
 * AdaBelief (Zhuang et al. 2020): Adam whose second moment tracks how far the gradient is from its
 * own moving average (the "belief"), not the raw squared gradient. STAT 453 L12,
 * slide "AdaBelief Optimizer: Adapting Stepsizes by the Belief in Observed Gradients" (Algorithm 2).
 *
 * <pre>
 *   w  = w - lr * weight_decay * w     if decoupled_weight_decay   (AdamW-style, before the step)
 *   g  = grad + weight_decay * w       otherwise                   (coupled L2)
 *   m  = beta1 * m + (1 - beta1) * g
 *   s  = beta2 * s + (1 - beta2) * (g - m)^2 + eps_root           (Algorithm 2: "+ eps")
 *   s  = max(s_max, s)                  if amsgrad (the running maximum, kept as s_max)
 *   m^ = m / (1 - beta1^t),   s^ = s / (1 - beta2^t)
 *   w  = w - lr * m^ / (sqrt(s^) + eps)
 * </pre>
 *
 * <p>The slide's Algorithm 2 adds the same epsilon twice: inside {@code s} and in the denominator.
 * {@code eps_root} is the one inside; unless given it is {@code eps}, which is Algorithm 2 and the
 * authors' package {@code adabelief-pytorch}. optax.adabelief keeps the two apart, so an optax run with {@code eps != eps_root} is this
 * optimizer with both given. Note that {@code g - m} uses the <em>new</em> {@code m}, as on the slide.
 *
 * <p>torch.optim has no AdaBelief; the defaults ({@link #HYPER}) follow the authors' package (version
 * 0.2.1, the convention since 0.1.0), which calls decoupled_weight_decay {@code weight_decouple}
 * (descent uses the name torch.optim.Adam gives the same switch). Version 0.0.5 of the package
 * used eps 1e-8 and coupled decay; its authors recommend eps 1e-8 where SGD beats Adam (CNNs on images) and 1e-16
 * where Adam wins (transformers, GANs). Not implemented: the package's {@code rectify} (a RAdam-style
 * rectified step, on by default there; pass {@code rectify=False} to compare) and
 * {@code fixed_decay}.
 */
public final class AdaBelief extends AdamFamily {

    static final HyperParameter<Double> EPS = HyperParameter.number(
            "eps", 1e-16, POSITIVE, "added to the root in the denominator");
    static final HyperParameter<Double> EPS_ROOT = HyperParameter.number(
            "eps_root", 0, NON_NEGATIVE, "added to s at every step (Algorithm 2's second eps)").defaultingTo(EPS);
    static final HyperParameter<Boolean> DECOUPLED_WEIGHT_DECAY = HyperParameter.flag(
            "decoupled_weight_decay", true, "AdamW-style decay w = w - lr * weight_decay * w (the package's weight_decouple)");

    /** AdaBelief's hyper-parameters: the defaults of the authors' package. */
    public static final HyperParameters HYPER = HyperParameters.of("AdaBelief", HyperParameter.lr(1e-3),
            HyperParameters.BETAS, EPS, EPS_ROOT, HyperParameters.WEIGHT_DECAY, DECOUPLED_WEIGHT_DECAY,
            HyperParameters.AMSGRAD);

    private final double beta1 = hyper(HyperParameters.BETAS)[0];
    private final double beta2 = hyper(HyperParameters.BETAS)[1];
    private final double eps = hyper(EPS);
    private final double epsRoot = hyper(EPS_ROOT);
    private final double weightDecay = hyper(HyperParameters.WEIGHT_DECAY);
    private final boolean decoupledWeightDecay = hyper(DECOUPLED_WEIGHT_DECAY);
    private final boolean amsgrad = hyper(HyperParameters.AMSGRAD);

    private AdaBelief(HyperValues h) {
        super(h);
    }

    /** A builder with the defaults of the authors' package (see the class comment). */
    public static Builder builder() {
        return new Builder();
    }

    /** AdaBelief with learning rate {@code lr} and the other defaults. */
    public static AdaBelief of(double lr) {
        return builder().lr(lr).build();
    }

    /**
     * Builds from options: lr, betas, eps, eps_root, weight_decay, decoupled_weight_decay, amsgrad.
     */
    public static AdaBelief fromOptions(Options o) {
        return builder().buildFrom(o);
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        NDArray g = decay(grad, w, weightDecay, decoupledWeightDecay, lr);
        long t = state.step();
        // the plain EMA, not firstMoment(): g - m cancels, and firstMoment's rounding would show in s
        NDArray m = ema(state.slot("exp_avg", w), g, beta1);
        NDArray belief = g.sub(m);
        NDArray s = secondMoment(state.slot("exp_avg_var", w), belief.muli(belief), beta2);
        if (epsRoot != 0) {
            s.addi(constant(epsRoot, w));
        }
        if (amsgrad) {
            s = runningMax(state, "max_exp_avg_var", s);
        }
        w.subi(adaptiveStep(m, s, correction(beta1, t), correction(beta2, t), eps, 0, lr));
    }

    /** Builder with the defaults of the authors' package ({@link #HYPER}). */
    public static final class Builder extends HyperBuilder<Builder, AdaBelief>
            implements SharedSetters.Betas<Builder>, SharedSetters.Eps<Builder>, SharedSetters.EpsRoot<Builder>,
            SharedSetters.Amsgrad<Builder> {

        public Builder() {
            super(HYPER, AdaBelief::new);
        }

        public Builder decoupledWeightDecay(boolean decoupledWeightDecay) {
            return set(DECOUPLED_WEIGHT_DECAY, decoupledWeightDecay);
        }
    }
}
