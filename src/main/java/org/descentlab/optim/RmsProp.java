package org.descentlab.optim;

import ai.djl.ndarray.NDArray;

import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RMSProp (Hinton's lecture 6e) as {@code torch.optim.RMSprop}: STAT 453 L12 (slide
 * "Adaptive Learning Rate via RMSProp"), CTU DLE L7 (the slide with
 * {@code torch.optim.RMSprop(params, lr=0.01, alpha=0.99)}) and CSC413 L4 (slide "RMSprop and Adam").
 *
 * <pre>
 *   g    = grad + weight_decay * w                     (coupled L2)
 *   s    = alpha s + (1 - alpha) g^2                   (s_0 = initial_accumulator_value, torch: 0)
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
 * Defaults are torch's: lr 1e-2, alpha 0.99, eps 1e-8, weight_decay 0, momentum 0, centered false;
 * and eps_inside_sqrt false, initial_accumulator_value 0 (the name torch's Adagrad gives this start
 * value; optax calls it {@code initial_scale}).
 */
public final class RmsProp extends DescentOptimizer {

    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private final double momentum;
    private final boolean centered;
    private final boolean epsInsideSqrt;
    private final double initialAccumulatorValue;

    private RmsProp(Builder b) {
        super(b.lr);
        this.alpha = Check.unitInterval("alpha", b.alpha);
        this.eps = Check.positive("eps", b.eps);
        this.weightDecay = Check.nonNegative("weight_decay", b.weightDecay);
        this.momentum = Check.unitInterval("momentum", b.momentum);
        this.centered = b.centered;
        this.epsInsideSqrt = b.epsInsideSqrt;
        this.initialAccumulatorValue = Check.nonNegative("initial_accumulator_value", b.initialAccumulatorValue);
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
        RmsProp rmsProp = builder()
                .lr(o.getDouble("lr", 1e-2))
                .alpha(o.getDouble("alpha", 0.99))
                .eps(o.getDouble("eps", 1e-8))
                .weightDecay(o.getDouble("weight_decay", 0))
                .momentum(o.getDouble("momentum", 0))
                .centered(o.getBoolean("centered", false))
                .epsInsideSqrt(o.getBoolean("eps_inside_sqrt", false))
                .initialAccumulatorValue(o.getDouble("initial_accumulator_value", 0))
                .build();
        o.finish("RMSprop");
        return rmsProp;
    }

    @Override
    public String name() {
        return "RMSprop";
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alpha", alpha);
        h.put("eps", eps);
        h.put("weight_decay", weightDecay);
        h.put("momentum", momentum);
        h.put("centered", centered);
        h.put("eps_inside_sqrt", epsInsideSqrt);
        h.put("initial_accumulator_value", initialAccumulatorValue);
        return h;
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        NDArray g = weightDecay != 0 ? grad.add(w.mul(weightDecay)) : grad;
        NDArray s = state.slot("square_avg", w, initialAccumulatorValue);
        s.muli(alpha).addi(g.mul(g).muli(1 - alpha));
        NDArray avg = s;
        if (centered) {
            NDArray m = state.slot("grad_avg", w);
            m.muli(alpha).addi(g.mul(1 - alpha));
            avg = s.sub(m.mul(m));
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

    /** Builder with torch's defaults. */
    public static final class Builder {
        private double lr = 1e-2;
        private double alpha = 0.99;
        private double eps = 1e-8;
        private double weightDecay;
        private double momentum;
        private boolean centered;
        private boolean epsInsideSqrt;
        private double initialAccumulatorValue;

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        public Builder centered(boolean centered) {
            this.centered = centered;
            return this;
        }

        public Builder epsInsideSqrt(boolean epsInsideSqrt) {
            this.epsInsideSqrt = epsInsideSqrt;
            return this;
        }

        public Builder initialAccumulatorValue(double initialAccumulatorValue) {
            this.initialAccumulatorValue = initialAccumulatorValue;
            return this;
        }

        public RmsProp build() {
            return new RmsProp(this);
        }
    }
}
