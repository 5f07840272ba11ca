package org.descentlab.optim;

import static org.descentlab.optim.HyperParameter.Range.NON_NEGATIVE;
import static org.descentlab.optim.HyperParameter.Range.POSITIVE;

import ai.djl.ndarray.NDArray;

import java.util.function.Function;

/**
 * What Adam and AdamW share: the two moving averages, bias correction (torch's, none, or TTIC 31230's
 * {@code min(t, N)}), AMSGrad's running maximum and the normalised step. They differ only in where the
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
public abstract class AdamBase extends AdamFamily {

    /** Which second moment AMSGrad keeps the running maximum of. */
    public enum AmsgradMax {
        /** torch's: the maximum of the raw {@code v}, bias-corrected afterwards. */
        RAW,
        /** optax's: the maximum of the bias-corrected {@code v^}. */
        CORRECTED
    }

    static final HyperParameter<Double> EPS = HyperParameter.number(
            "eps", 1e-8, POSITIVE, "added to the root in the denominator");
    static final HyperParameter<BiasCorrection> BIAS_CORRECTION = HyperParameter.choice(
            "bias_correction", BiasCorrection.class, BiasCorrection.EXPONENTIAL, "how the zero start of m and v is corrected");
    static final HyperParameter<Double> EPS_ROOT = HyperParameter.number(
            "eps_root", 0, NON_NEGATIVE, "epsilon inside the root (optax)").shownOnlyIfSet();
    static final HyperParameter<AmsgradMax> AMSGRAD_MAX = HyperParameter.choice(
            "amsgrad_max", AmsgradMax.class, AmsgradMax.RAW, "maximum of raw v (torch) or of v^ (optax)").shownOnlyIfSet();

    /** Adam's declaration with {@code weightDecay} in the place of torch's weight_decay. */
    static HyperParameters adamDeclaration(String owner, HyperParameter<Double> weightDecay) {
        return HyperParameters.of(owner, HyperParameter.lr(1e-3), HyperParameters.BETAS, EPS, weightDecay,
                HyperParameters.AMSGRAD, BIAS_CORRECTION, EPS_ROOT, AMSGRAD_MAX);
    }

    private final double beta1 = hyper(HyperParameters.BETAS)[0];
    private final double beta2 = hyper(HyperParameters.BETAS)[1];
    private final double eps = hyper(EPS);
    private final double weightDecay = hyper(declaration().weightDecay());
    private final boolean amsgrad = hyper(HyperParameters.AMSGRAD);
    private final BiasCorrection biasCorrection = hyper(BIAS_CORRECTION);
    private final double epsRoot = hyper(EPS_ROOT);
    private final AmsgradMax amsgradMax = hyper(AMSGRAD_MAX);
    private final boolean decoupledWeightDecay;

    /** @param decoupledWeightDecay whether the decay shrinks the weights (AdamW) rather than enter the gradient */
    AdamBase(HyperValues h, boolean decoupledWeightDecay) {
        super(h);
        this.decoupledWeightDecay = decoupledWeightDecay;
    }

    /** The weight decay coefficient. */
    protected double weightDecay() {
        return weightDecay;
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        adamStep(state, w, decay(grad, w, weightDecay, decoupledWeightDecay, lr), lr);
    }

    /** The Adam update proper, given the gradient after any coupled decay. */
    protected final void adamStep(ParamState state, NDArray w, NDArray g, double lr) {
        long t = state.step();
        NDArray m = firstMoment(state.slot("exp_avg", w), g, biasCorrection.beta(beta1, t));
        NDArray v = secondMoment(state.slot("exp_avg_sq", w), g.mul(g), biasCorrection.beta(beta2, t));
        double c1 = biasCorrection.divisor(beta1, t);
        double c2 = biasCorrection.divisor(beta2, t);
        if (amsgrad && amsgradMax == AmsgradMax.CORRECTED) {
            v = runningMax(state, "max_exp_avg_sq", c2 != 1 ? v.div(constant(c2, w)) : v);
            c2 = 1;
        } else if (amsgrad) {
            v = runningMax(state, "max_exp_avg_sq", v);
        }
        w.subi(adaptiveStep(m, v, c1, c2, eps, epsRoot, lr));
    }

    /**
     * Builder for Adam and its subclasses.
     *
     * @param <T> the optimizer built
     */
    public static final class Builder<T extends AdamBase> extends HyperBuilder<Builder<T>, T>
            implements SharedSetters.Betas<Builder<T>>, SharedSetters.Eps<Builder<T>>, SharedSetters.Amsgrad<Builder<T>>,
            SharedSetters.BiasCorrectionSetter<Builder<T>>, SharedSetters.EpsRoot<Builder<T>> {

        Builder(HyperParameters declaration, Function<HyperValues, T> constructor) {
            super(declaration, constructor);
        }

        /** AMSGrad's maximum of the bias-corrected {@code v^} (optax) rather than of the raw {@code v} (torch). */
        public Builder<T> amsgradCorrectedMax(boolean corrected) {
            return set(AMSGRAD_MAX, corrected ? AmsgradMax.CORRECTED : AmsgradMax.RAW);
        }
    }
}
