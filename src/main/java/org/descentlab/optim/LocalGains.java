package org.descentlab.optim;

import static org.descentlab.optim.HyperParameter.Range.NON_NEGATIVE;
import static org.descentlab.optim.HyperParameter.Range.OPEN_UNIT;
import static org.descentlab.optim.HyperParameter.Range.POSITIVE_OR_INFINITY;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * Adaptive local gains (Jacobs 1988; Hinton's lecture 6d) as on STAT 453 L12, slides
 * "Adaptive Learning Rates": every weight has its own gain, which grows additively while the
 * gradient keeps its sign and shrinks multiplicatively when it flips.
 *
 * <pre>
 *   g = grad + weight_decay * w                        (coupled L2, optional)
 *   gain_0 = 1
 *   t = 1:  gain unchanged                             (no previous gradient to compare with)
 *   t > 1:  gain = gain + beta          if g_t * g_{t-1} > 0    ("the gradient is consistent")
 *           gain = gain * (1 - beta)    otherwise
 *           gain = clip(gain, min_gain, max_gain)      (only where bounds are given)
 *   w = w - lr * gain * g                              (Delta w = eta * gain * dL/dw, with the new gain)
 * </pre>
 *
 * "Consistent" is decided per weight by the sign of the product of this and the previous (decayed)
 * gradient: strictly positive only. A zero gradient now or before (product 0) counts as a change of
 * direction, as in Hinton's rule "if product > 0 then add else multiply". The new gain is used for the
 * current step (the slide writes the gain update for {@code g(t)} next to {@code Delta w} at t).
 * Bounds are off by default; Hinton suggests keeping gains in a range such as [0.1, 10] or
 * [0.01, 100]. The default beta ({@link #HYPER}) is Hinton's {@code +0.05} and {@code *0.95}.
 * torch.optim has no counterpart.
 */
public final class LocalGains extends DescentOptimizer {

    static final HyperParameter<Double> BETA = HyperParameter.number(
            "beta", 0.05, OPEN_UNIT, "gain + beta when consistent, gain * (1 - beta) otherwise");
    static final HyperParameter<Double> MIN_GAIN = HyperParameter.number(
            "min_gain", 0, NON_NEGATIVE, "lower bound of every gain (0: none)");
    static final HyperParameter<Double> MAX_GAIN = HyperParameter.number(
            "max_gain", Double.POSITIVE_INFINITY, POSITIVE_OR_INFINITY, "upper bound of every gain (infinity: none)");

    /** LocalGains' hyper-parameters (Hinton's +0.05 and *0.95; no bounds). */
    public static final HyperParameters HYPER = HyperParameters.of("LocalGains", HyperParameter.lr(1e-3),
            BETA, HyperParameters.WEIGHT_DECAY, MIN_GAIN, MAX_GAIN);

    private final double beta = hyper(BETA);
    private final double weightDecay = hyper(HyperParameters.WEIGHT_DECAY);
    private final double minGain = hyper(MIN_GAIN);
    private final double maxGain = hyper(MAX_GAIN);

    private LocalGains(HyperValues h) {
        super(h);
        if (minGain > maxGain) {
            throw new IllegalArgumentException(
                    "min_gain = " + minGain + " and max_gain = " + maxGain
                            + " are invalid: must have min_gain <= max_gain");
        }
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /** Local gains with learning rate {@code lr} and gain step {@code beta}, without bounds. */
    public static LocalGains of(double lr, double beta) {
        return builder().lr(lr).beta(beta).build();
    }

    /** Builds from options: lr, beta, weight_decay, min_gain, max_gain. */
    public static LocalGains fromOptions(Options o) {
        return builder().buildFrom(o);
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        NDArray g = coupledDecay(grad, w, weightDecay);
        NDArray gain = state.slot("gain", w, 1.0);
        boolean first = !state.hasSlot("prev_grad");
        NDArray previous = state.slot("prev_grad", w);
        if (!first) {
            NDArray consistent = g.mul(previous).gt(0);
            NDArray updated = NDArrays.where(consistent, gain.add(beta), gain.mul(1 - beta));
            if (minGain > 0 || maxGain < Double.POSITIVE_INFINITY) {
                updated = updated.clip(minGain, Math.min(maxGain, Double.MAX_VALUE));
            }
            // copied in place (0 * gain + updated is exact), so the slot stays on the state's manager
            gain.muli(0).addi(updated);
        }
        previous.muli(0).addi(g);
        w.subi(g.mul(gain).muli(lr));
    }

    /** Builder with the defaults above ({@link #HYPER}). */
    public static final class Builder extends HyperBuilder<Builder, LocalGains> {

        public Builder() {
            super(HYPER, LocalGains::new);
        }

        public Builder beta(double beta) {
            return set(BETA, beta);
        }

        public Builder minGain(double minGain) {
            return set(MIN_GAIN, minGain);
        }

        public Builder maxGain(double maxGain) {
            return set(MAX_GAIN, maxGain);
        }
    }
}
