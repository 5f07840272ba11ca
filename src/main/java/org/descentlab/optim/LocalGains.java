package org.descentlab.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.Map;

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
 * Bounds are off by default ({@code min_gain} 0, {@code max_gain} infinity); Hinton suggests keeping
 * gains in a range such as [0.1, 10] or [0.01, 100]. Defaults: lr 1e-3, beta 0.05 (Hinton's
 * {@code +0.05} and {@code *0.95}), weight_decay 0. torch.optim has no counterpart.
 */
public final class LocalGains extends DescentOptimizer {

    private final double beta;
    private final double weightDecay;
    private final double minGain;
    private final double maxGain;

    private LocalGains(Builder b) {
        super(b.lr);
        this.beta = Check.openUnitInterval("beta", b.beta);
        this.weightDecay = Check.nonNegative("weight_decay", b.weightDecay);
        this.minGain = Check.nonNegative("min_gain", b.minGain);
        if (!(b.maxGain > 0)) {
            throw Check.invalid("max_gain", b.maxGain, "a number > 0 (infinity for no upper bound)");
        }
        this.maxGain = b.maxGain;
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
        LocalGains lg = builder()
                .lr(o.getDouble("lr", 1e-3))
                .beta(o.getDouble("beta", 0.05))
                .weightDecay(o.getDouble("weight_decay", 0))
                .minGain(o.getDouble("min_gain", 0))
                .maxGain(o.getDouble("max_gain", Double.POSITIVE_INFINITY))
                .build();
        o.finish("LocalGains");
        return lg;
    }

    @Override
    public String name() {
        return "LocalGains";
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("beta", beta);
        h.put("weight_decay", weightDecay);
        h.put("min_gain", minGain);
        h.put("max_gain", maxGain);
        return h;
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        NDArray g = weightDecay != 0 ? grad.add(w.mul(weightDecay)) : grad;
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

    /** Builder with the defaults above. */
    public static final class Builder {
        private double lr = 1e-3;
        private double beta = 0.05;
        private double weightDecay;
        private double minGain;
        private double maxGain = Double.POSITIVE_INFINITY;

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder beta(double beta) {
            this.beta = beta;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder minGain(double minGain) {
            this.minGain = minGain;
            return this;
        }

        public Builder maxGain(double maxGain) {
            this.maxGain = maxGain;
            return this;
        }

        public LocalGains build() {
            return new LocalGains(this);
        }
    }
}
