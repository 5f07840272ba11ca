package org.descentlab.optim;

import ai.djl.ndarray.NDArray;

import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
 * {@code bias_correction} (TTIC 31230, slide "Bias Correction"): {@code none} (default, the slide as
 * written), {@code min_t_n} (rate {@code 1/min(t, N)} with {@code N = 1/(1 - beta)}: the exact
 * running mean while {@code t <= N}) or {@code exponential} (Adam's: step with
 * {@code g~_t / (1 - beta^t)}).
 *
 * <p>TTIC 31230, slide "Heavy Ball Momentum", shows that this is heavy-ball momentum with learning rate
 * {@code (1 - beta) * lr}: see {@link HeavyBall}. torch.optim has no EMA momentum; its closest is
 * {@code SGD(momentum=beta, dampening=beta)}, which starts the buffer at the first gradient rather
 * than at 0 (so it behaves like {@code min_t_n} at t = 1 only). Defaults: lr 1e-3, momentum 0.9,
 * weight_decay 0, bias_correction none.
 */
public final class EmaMomentum extends DescentOptimizer {

    private final double momentum;
    private final double weightDecay;
    private final BiasCorrection biasCorrection;

    private EmaMomentum(Builder b) {
        super(b.lr);
        this.momentum = Check.unitInterval("momentum", b.momentum);
        this.weightDecay = Check.nonNegative("weight_decay", b.weightDecay);
        this.biasCorrection = Check.notNull("bias_correction", b.biasCorrection);
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
        Builder b = builder()
                .lr(o.getDouble("lr", 1e-3))
                .momentum(o.getDouble("momentum", 0.9))
                .weightDecay(o.getDouble("weight_decay", 0))
                .biasCorrection(o.getEnum("bias_correction", BiasCorrection.class, BiasCorrection.NONE));
        EmaMomentum ema = b.build();
        o.finish("EmaMomentum");
        return ema;
    }

    @Override
    public String name() {
        return "EmaMomentum";
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("momentum", momentum);
        h.put("weight_decay", weightDecay);
        h.put("bias_correction", biasCorrection.name().toLowerCase(Locale.ROOT));
        return h;
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        long t = state.step();
        NDArray g = weightDecay != 0 ? grad.add(w.mul(weightDecay)) : grad;
        NDArray avg = state.slot("exp_avg", w);
        double rate = 1 - momentum;
        if (biasCorrection == BiasCorrection.MIN_T_N) {
            rate = 1 / Math.min(t, 1 / (1 - momentum));
        }
        avg.muli(1 - rate).addi(g.mul(rate));
        double scale = lr;
        if (biasCorrection == BiasCorrection.EXPONENTIAL) {
            scale = lr / (1 - Math.pow(momentum, t));
        }
        w.subi(avg.mul(scale));
    }

    /** Builder with the defaults above. */
    public static final class Builder {
        private double lr = 1e-3;
        private double momentum = 0.9;
        private double weightDecay;
        private BiasCorrection biasCorrection = BiasCorrection.NONE;

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder biasCorrection(BiasCorrection biasCorrection) {
            this.biasCorrection = biasCorrection;
            return this;
        }

        public EmaMomentum build() {
            return new EmaMomentum(this);
        }
    }
}
