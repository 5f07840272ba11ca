package org.descentlab.optim;

import ai.djl.ndarray.NDArray;

import org.descentlab.util.Check;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What Adam and AdamW share: the two moving averages, bias correction (torch's, none, or TTIC 31230's
 * {@code min(t, N)}), AMSGrad's running maximum and the normalised step. Subclasses decide where the
 * weight decay goes: into the gradient ({@link Adam}) or straight onto the weights ({@link AdamW}).
 *
 * <pre>
 *   m  = beta1 * m + (1 - beta1) * g                 (momentum on g: CTU DLE L7, STAT 453 L12 Algorithm 1)
 *   v  = beta2 * v + (1 - beta2) * g^2               (momentum on g^2)
 *   v  = max(v_max, v)                               (amsgrad, Reddi et al. 2018; torch keeps the max
 *                                                     of the uncorrected v and corrects it afterwards)
 *   m^ = m / (1 - beta1^t),  v^ = v / (1 - beta2^t)  (EXPONENTIAL bias correction)
 *   w  = w - lr * m^ / (sqrt(v^) + eps)
 * </pre>
 *
 * Two options reproduce optax's {@code adam}/{@code amsgrad} conventions (both off by default, and then
 * not listed in {@link #hyperParameters()}, so torch's form and saved states are unchanged):
 * {@code eps_root} puts a second epsilon inside the root, {@code w = w - lr * m^ / (sqrt(v^ + eps_root)
 * + eps)}; {@code amsgrad_max = corrected} keeps the running maximum of the bias-corrected
 * {@code v^} (optax) instead of torch's maximum of the raw {@code v} ({@code raw}, the default).
 *
 * <p>With {@link BiasCorrection#NONE} the hats are dropped (TTIC 31230, slide "Adam (Without Bias Correction)");
 * with {@link BiasCorrection#MIN_T_N} both averages use rate {@code 1/min(t, N)} with
 * {@code N = 1/(1 - beta)} and no division (TTIC 31230, slide "Adam" with {@code min(t, N_g)}).
 */
public abstract class AdamBase extends DescentOptimizer {

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean amsgrad;
    private final BiasCorrection biasCorrection;
    private final double epsRoot;
    private final boolean amsgradCorrectedMax;

    AdamBase(Builder<?> b) {
        super(b.lr);
        this.beta1 = Check.unitInterval("betas[0]", b.beta1);
        this.beta2 = Check.unitInterval("betas[1]", b.beta2);
        this.eps = Check.positive("eps", b.eps);
        this.weightDecay = Check.nonNegative("weight_decay", b.weightDecay);
        this.amsgrad = b.amsgrad;
        this.biasCorrection = Check.notNull("bias_correction", b.biasCorrection);
        this.epsRoot = Check.nonNegative("eps_root", b.epsRoot);
        this.amsgradCorrectedMax = b.amsgradCorrectedMax;
    }

    @Override
    public Map<String, Object> hyperParameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("betas", "(" + beta1 + ", " + beta2 + ")");
        h.put("eps", eps);
        h.put("weight_decay", weightDecay);
        h.put("amsgrad", amsgrad);
        h.put("bias_correction", biasCorrection.name().toLowerCase(Locale.ROOT));
        if (epsRoot != 0) {
            h.put("eps_root", epsRoot);
        }
        if (amsgradCorrectedMax) {
            h.put("amsgrad_max", "corrected");
        }
        return h;
    }

    /** The weight decay coefficient. */
    protected double weightDecay() {
        return weightDecay;
    }

    /** The Adam update proper, given the gradient after any coupled decay. */
    protected final void adamStep(ParamState state, NDArray w, NDArray g, double lr) {
        long t = state.step();
        NDArray m = state.slot("exp_avg", w);
        NDArray v = state.slot("exp_avg_sq", w);
        double rate1 = 1 - beta1;
        double rate2 = 1 - beta2;
        if (biasCorrection == BiasCorrection.MIN_T_N) {
            // TTIC 31230: 1/min(t, N) with N = 1/(1 - beta)
            rate1 = 1 / Math.min(t, 1 / (1 - beta1));
            rate2 = 1 / Math.min(t, 1 / (1 - beta2));
        }
        // constant(x, w) is x as a cached 0-dim array: the same arithmetic as muli(x), without
        // creating a scalar array per operation (see DescentOptimizer#constant).
        // m = beta1 m + (1 - beta1) g, written (m - g) beta1 + g: the same value, no temporary
        m.subi(g).muli(constant(1 - rate1, w)).addi(g);
        v.muli(constant(1 - rate2, w)).addi(g.mul(g).muli(constant(rate2, w)));
        NDArray second = v;
        if (amsgrad && !amsgradCorrectedMax) {
            NDArray vMax = state.slot("max_exp_avg_sq", w);
            second = state.replaceSlot("max_exp_avg_sq", vMax.maximum(v));
        }
        double correction1 = 1;
        double correction2 = 1;
        if (biasCorrection == BiasCorrection.EXPONENTIAL) {
            correction1 = 1 - Math.pow(beta1, t);
            correction2 = 1 - Math.pow(beta2, t);
        }
        if (epsRoot != 0 || (amsgrad && amsgradCorrectedMax)) {
            // optax's order: correct first, then (amsgrad) the maximum of v^, then eps_root inside the root
            NDArray vHat = correction2 != 1 ? second.div(constant(correction2, w)) : second;
            if (amsgrad && amsgradCorrectedMax) {
                NDArray vHatMax = state.slot("max_exp_avg_sq", w);
                vHat = state.replaceSlot("max_exp_avg_sq", vHatMax.maximum(vHat));
            }
            NDArray denom = vHat.add(constant(epsRoot, w)).sqrt().addi(constant(eps, w));
            w.subi(m.div(denom).muli(constant(lr / correction1, w)));
        } else {
            // lr m^ / (sqrt(v^) + eps) = [lr sqrt(c2) / c1] m / (sqrt(v) + eps sqrt(c2)), c = 1 - beta^t:
            // the same value with one operation fewer on the arrays
            double sqrtCorrection2 = Math.sqrt(correction2);
            NDArray denom = second.sqrt().addi(constant(eps * sqrtCorrection2, w));
            w.subi(m.div(denom).muli(constant(lr * sqrtCorrection2 / correction1, w)));
        }
    }

    /**
     * Builder for Adam and its subclasses.
     *
     * @param <T> the optimizer built
     */
    public static final class Builder<T extends AdamBase> {
        private final java.util.function.Function<Builder<T>, T> constructor;
        private double lr = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay;
        private boolean amsgrad;
        private BiasCorrection biasCorrection = BiasCorrection.EXPONENTIAL;
        private double epsRoot;
        private boolean amsgradCorrectedMax;

        Builder(java.util.function.Function<Builder<T>, T> constructor, double defaultWeightDecay) {
            this.constructor = constructor;
            this.weightDecay = defaultWeightDecay;
        }

        public Builder<T> lr(double lr) {
            this.lr = lr;
            return this;
        }

        public Builder<T> betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        public Builder<T> eps(double eps) {
            this.eps = eps;
            return this;
        }

        public Builder<T> weightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        public Builder<T> amsgrad(boolean amsgrad) {
            this.amsgrad = amsgrad;
            return this;
        }

        public Builder<T> biasCorrection(BiasCorrection biasCorrection) {
            this.biasCorrection = biasCorrection;
            return this;
        }

        /** optax's {@code eps_root}: an epsilon inside the square root (0: none, torch's form). */
        public Builder<T> epsRoot(double epsRoot) {
            this.epsRoot = epsRoot;
            return this;
        }

        /** AMSGrad's maximum of the bias-corrected {@code v^} (optax) rather than of the raw {@code v} (torch). */
        public Builder<T> amsgradCorrectedMax(boolean corrected) {
            this.amsgradCorrectedMax = corrected;
            return this;
        }

        /**
         * Reads lr, betas, eps, weight_decay, amsgrad, bias_correction (none|exponential|min_t_n), eps_root
         * and amsgrad_max (raw|corrected).
         */
        public Builder<T> options(Options o) {
            lr(o.getDouble("lr", lr));
            double[] betas = o.getPair("betas", beta1, beta2);
            betas(betas[0], betas[1]);
            eps(o.getDouble("eps", eps));
            weightDecay(o.getDouble("weight_decay", weightDecay));
            amsgrad(o.getBoolean("amsgrad", amsgrad));
            biasCorrection(o.getEnum("bias_correction", BiasCorrection.class, biasCorrection));
            epsRoot(o.getDouble("eps_root", epsRoot));
            String max = o.getString("amsgrad_max", amsgradCorrectedMax ? "corrected" : "raw");
            if (!max.equals("raw") && !max.equals("corrected")) {
                throw new IllegalArgumentException(
                        "amsgrad_max = '" + max + "' is invalid: must be one of raw, corrected");
            }
            amsgradCorrectedMax(max.equals("corrected"));
            return this;
        }

        public T build() {
            return constructor.apply(this);
        }
    }
}
