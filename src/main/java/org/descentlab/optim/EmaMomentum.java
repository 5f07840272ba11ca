package org.descentlab.optim;

import static org.descentlab.optim.HyperParameter.Range.UNIT;

import ai.djl.ndarray.NDArray;

/**
 * EMA momentum as on TTIC 31230, slide "EMA Momentum": the step follows an
 * exponential moving average of the gradients, so that the total weight of each gradient is 1 and the
 * "temperature" is set by {@code lr} alone, whatever the momentum.
 *
 * <pre>
 *   g   = grad + weight_decay * w                   (coupled L2, optional)
 *   g~_0 = 0
 *   g~_t = beta g~_{t-1} + (1 - beta) g_t            (beta = momentum = 1 - 1/N)
 *   w    = w - lr * g~_t
 * </pre>
 *
 * {@code bias_correction} (TTIC 31230, slide "Bias Correction"): {@code none} (the slide as
 * written), {@code min_t_n} (rate {@code 1/min(t, N)} with {@code N = 1/(1 - beta)}: the exact
 * running mean while {@code t <= N}) or {@code exponential} (Adam's: step with
 * {@code g~_t / (1 - beta^t)}).
 *
 * <p>TTIC 31230, slide "Heavy Ball Momentum", shows that this is heavy-ball momentum with learning rate
 * {@code (1 - beta) * lr}: see {@link HeavyBall}. torch.optim has no EMA momentum; its closest is
 * {@code SGD(momentum=beta, dampening=beta)}, which starts the buffer at the first gradient rather
 * than at 0 (so it behaves like {@code min_t_n} at t = 1 only). Defaults: {@link #HYPER}.
 */
public final class EmaMomentum extends DescentOptimizer {

    static final HyperParameter<Double> MOMENTUM = HyperParameter.number(
            "momentum", 0.9, UNIT, "beta = 1 - 1/N: the EMA's weight of the old average");
    static final HyperParameter<BiasCorrection> BIAS_CORRECTION = HyperParameter.choice(
            "bias_correction", BiasCorrection.class, BiasCorrection.NONE, "how the zero start of the average is corrected");

    /** EmaMomentum's hyper-parameters. */
    public static final HyperParameters HYPER = HyperParameters.of("EmaMomentum", HyperParameter.lr(1e-3),
            MOMENTUM, HyperParameters.WEIGHT_DECAY, BIAS_CORRECTION);

    private final double momentum = hyper(MOMENTUM);
    private final double weightDecay = hyper(HyperParameters.WEIGHT_DECAY);
    private final BiasCorrection biasCorrection = hyper(BIAS_CORRECTION);

    private EmaMomentum(HyperValues h) {
        super(h);
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** EMA momentum with learning rate {@code lr} and momentum {@code beta}. */
    public static EmaMomentum of(double lr, double momentum) {
        return builder().lr(lr).momentum(momentum).build();
    }

    /** Builds from options: lr, momentum, weight_decay, bias_correction (none|exponential|min_t_n). */
    public static EmaMomentum fromOptions(Options o) {
        return builder().buildFrom(o);
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        long t = state.step();
        NDArray g = coupledDecay(grad, w, weightDecay);
        NDArray avg = ema(state.slot("exp_avg", w), g, biasCorrection.beta(momentum, t));
        w.subi(avg.mul(lr / biasCorrection.divisor(momentum, t)));
    }

    /** Builder with the defaults above ({@link #HYPER}). */
    public static final class Builder extends HyperBuilder<Builder, EmaMomentum>
            implements SharedSetters.Momentum<Builder>, SharedSetters.BiasCorrectionSetter<Builder> {

        public Builder() {
            super(HYPER, EmaMomentum::new);
        }
    }
}
