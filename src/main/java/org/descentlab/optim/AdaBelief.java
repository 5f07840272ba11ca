package org.descentlab.optim;

import ai.djl.ndarray.NDArray;

import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.Map;

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
 * {@code eps_root} is the one inside; it defaults to {@code eps}, which is Algorithm 2 and the
 * authors' package {@code adabelief-pytorch}. optax.adabelief keeps the two apart
 * ({@code eps = eps_root = 1e-16} by default), so an optax run with {@code eps != eps_root} is this
 * optimizer with both given. Note that {@code g - m} uses the <em>new</em> {@code m}, as on the slide.
 *
 * <p>torch.optim has no AdaBelief; the defaults follow the authors' package (version 0.2.1, the
 * convention since 0.1.0): lr 1e-3, betas (0.9, 0.999), eps 1e-16, weight_decay 0,
 * decoupled_weight_decay true (the package calls it {@code weight_decouple}; descent uses the name
 * torch.optim.Adam gives the same switch), amsgrad false. Version 0.0.5 of the package used eps 1e-8
 * and coupled decay; its authors recommend eps 1e-8 where SGD beats Adam (CNNs on images) and 1e-16
 * where Adam wins (transformers, GANs). Not implemented: the package's {@code rectify} (a RAdam-style
 * rectified step, on by default there; pass {@code rectify=False} to compare) and
 * {@code fixed_decay}.
 */
public final class AdaBelief extends DescentOptimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double epsRoot;
    private final double weightDecay;
    private final boolean decoupledWeightDecay;
    private final boolean amsgrad;

    private AdaBelief(Builder b) {
        super(b.lr);
        this.beta1 = Check.unitInterval("betas[0]", b.beta1);
        this.beta2 = Check.unitInterval("betas[1]", b.beta2);
        this.eps = Check.positive("eps", b.eps);
        this.epsRoot = Check.nonNegative("eps_root", b.epsRoot == null ? b.eps : b.epsRoot);
        this.weightDecay = Check.nonNegative("weight_decay", b.weightDecay);
        this.decoupledWeightDecay = b.decoupledWeightDecay;
        this.amsgrad = b.amsgrad;
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
        Builder b = builder().lr(o.getDouble("lr", 1e-3));
        double[] betas = o.getPair("betas", 0.9, 0.999);
        b.betas(betas[0], betas[1]).eps(o.getDouble("eps", 1e-16));
        double epsRoot = o.getDouble("eps_root", Double.NaN);
        if (o.has("eps_root")) {
            b.epsRoot(epsRoot);
        }
        AdaBelief adaBelief = b.weightDecay(o.getDouble("weight_decay", 0))
                .decoupledWeightDecay(o.getBoolean("decoupled_weight_decay", true))
                .amsgrad(o.getBoolean("amsgrad", false))
                .build();
        o.finish("AdaBelief");
        return adaBelief;
    }

    @Override
    public String name() {
        return "AdaBelief";
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("betas", "(" + beta1 + ", " + beta2 + ")");
        h.put("eps", eps);
        h.put("eps_root", epsRoot);
        h.put("weight_decay", weightDecay);
        h.put("decoupled_weight_decay", decoupledWeightDecay);
        h.put("amsgrad", amsgrad);
        return h;
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        // constant(x, w) is x as a cached 0-dim array (see DescentOptimizer#constant)
        NDArray g = grad;
        if (weightDecay != 0) {
            if (decoupledWeightDecay) {
                w.muli(constant(1 - lr * weightDecay, w));
            } else {
                g = grad.add(w.mul(constant(weightDecay, w)));
            }
        }
        long t = state.step();
        NDArray m = state.slot("exp_avg", w);
        NDArray s = state.slot("exp_avg_var", w);
        m.muli(constant(beta1, w)).addi(g.mul(constant(1 - beta1, w)));
        NDArray belief = g.sub(m);
        s.muli(constant(beta2, w)).addi(belief.muli(belief).muli(constant(1 - beta2, w)));
        if (epsRoot != 0) {
            s.addi(constant(epsRoot, w));
        }
        NDArray second = s;
        if (amsgrad) {
            NDArray sMax = state.slot("max_exp_avg_var", w);
            second = state.replaceSlot("max_exp_avg_var", sMax.maximum(s));
        }
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        NDArray denom = second.sqrt().divi(constant(Math.sqrt(correction2), w)).addi(constant(eps, w));
        w.subi(m.div(denom).muli(constant(lr / correction1, w)));
    }

    /** Builder with the defaults of the authors' package. */
    public static final class Builder {
        private double lr = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-16;
        private Double epsRoot;
        private double weightDecay;
        private boolean decoupledWeightDecay = true;
        private boolean amsgrad;

        public Builder lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** The term added inside {@code s}; without this call it is {@code eps} (Algorithm 2). */
        public Builder epsRoot(double epsRoot) {
            this.epsRoot = epsRoot;
            return this;
        }

        public Builder weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder decoupledWeightDecay(boolean decoupledWeightDecay) {
            this.decoupledWeightDecay = decoupledWeightDecay;
            return this;
        }

        public Builder amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        public AdaBelief build() {
            return new AdaBelief(this);
        }
    }
}
