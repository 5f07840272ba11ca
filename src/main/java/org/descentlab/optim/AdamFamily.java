package org.descentlab.optim;

import ai.djl.ndarray.NDArray;

/**
 * What the Adam family shares (Adam, AdamW, AMSGrad, AdaBelief, SWATS' Adam phase): the bias
 * correction of the two moving averages, AMSGrad's running maximum and the normalised step
 *
 * <pre>
 *   m^ = m / (1 - beta1^t),   v^ = v / (1 - beta2^t)        (Kingma and Ba; 1 without bias correction)
 *   step = lr * m^ / (sqrt(v^ + eps_root) + eps)           (eps_root = 0 in torch's form)
 * </pre>
 *
 * The moving averages themselves are {@link #ema}: {@code m = beta1 m + (1 - beta1) g}.
 */
public abstract class AdamFamily extends DescentOptimizer {

    AdamFamily(HyperValues hyper) {
        super(hyper);
    }

    /** {@code 1 - beta^t}: the divisor that removes the zero start of an EMA after t steps. */
    protected static double correction(double beta, long t) {
        return 1 - Math.pow(beta, t);
    }

    /**
     * {@code v_max = max(v_max, v)}, kept in slot {@code name} of {@code state} (AMSGrad); returns
     * {@code v_max}.
     */
    protected static NDArray runningMax(ParamState state, String name, NDArray v) {
        return state.replaceSlot(name, state.slot(name, v).maximum(v));
    }

    /**
     * {@code lr * (m / c1) / (sqrt(v / c2 + epsRoot) + eps)}, a new array: the step to subtract from the
     * weights, with bias corrections {@code c1 = 1 - beta1^t} and {@code c2 = 1 - beta2^t} (1 for none).
     */
    protected final NDArray adaptiveStep(NDArray m, NDArray v, double c1, double c2, double eps, double epsRoot,
            double lr) {
        NDArray vHat = c2 != 1 ? v.div(constant(c2, v)) : v;
        if (epsRoot != 0) {
            vHat = vHat.add(constant(epsRoot, v));
        }
        NDArray denom = vHat.sqrt().addi(constant(eps, v));
        return m.div(denom).muli(constant(lr / c1, v));
    }
}
