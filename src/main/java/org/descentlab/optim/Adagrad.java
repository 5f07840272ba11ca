package org.descentlab.optim;

import ai.djl.ndarray.NDArray;

import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.Map;

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
 * hence {@code eps_inside_sqrt}. Defaults are torch's: lr 1e-2, lr_decay 0, weight_decay 0,
 * initial_accumulator_value 0, eps 1e-10, eps_inside_sqrt false.
 */
public final class Adagrad extends DescentOptimizer {

    private final double lrDecay;
    private final double weightDecay;
    private final double initialAccumulatorValue;
    private final double eps;
    private final boolean epsInsideSqrt;

    private Adagrad(Builder b) {
        super(b.lr);
        this.lrDecay = Check.nonNegative("lr_decay", b.lrDecay);
        this.weightDecay = Check.nonNegative("weight_decay", b.weightDecay);
        this.initialAccumulatorValue = Check.nonNegative("initial_accumulator_value", b.initialAccumulatorValue);
        this.eps = Check.positive("eps", b.eps);
        this.epsInsideSqrt = b.epsInsideSqrt;
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
        Adagrad adagrad = builder()
                .lr(o.getDouble("lr", 1e-2))
                .lrDecay(o.getDouble("lr_decay", 0))
                .weightDecay(o.getDouble("weight_decay", 0))
                .initialAccumulatorValue(o.getDouble("initial_accumulator_value", 0))
                .eps(o.getDouble("eps", 1e-10))
                .epsInsideSqrt(o.getBoolean("eps_inside_sqrt", false))
                .build();
        o.finish("Adagrad");
        return adagrad;
    }

    @Override
    public String name() {
        return "Adagrad";
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("lr_decay", lrDecay);
        h.put("weight_decay", weightDecay);
        h.put("initial_accumulator_value", initialAccumulatorValue);
        h.put("eps", eps);
        h.put("eps_inside_sqrt", epsInsideSqrt);
        return h;
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        long t = state.step();
        NDArray g = weightDecay != 0 ? grad.add(w.mul(weightDecay)) : grad;
        double clr = lr / (1 + (t - 1) * lrDecay);
        NDArray sum = state.slot("sum", w, initialAccumulatorValue);
        sum.addi(g.mul(g));
        NDArray denom = epsInsideSqrt ? sum.add(eps).sqrt() : sum.sqrt().addi(eps);
        w.subi(g.div(denom).muli(clr));
    }

    /** Builder with torch's defaults. */
    public static final class Builder {
        private double lr = 1e-2;
        private double lrDecay;
        private double weightDecay;
        private double initialAccumulatorValue;
        private double eps = 1e-10;
        private boolean epsInsideSqrt;

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder lrDecay(double lrDecay) {
            this.lrDecay = lrDecay;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder initialAccumulatorValue(double initialAccumulatorValue) {
            this.initialAccumulatorValue = initialAccumulatorValue;
            return this;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        public Builder epsInsideSqrt(boolean epsInsideSqrt) {
            this.epsInsideSqrt = epsInsideSqrt;
            return this;
        }

        public Adagrad build() {
            return new Adagrad(this);
        }
    }
}
