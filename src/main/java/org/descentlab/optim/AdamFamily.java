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
 * The moving averages are {@code m = beta1 m + (1 - beta1) g} and {@code v = beta2 v + (1 - beta2) g^2}
 * ({@link #firstMoment}, {@link #secondMoment}: {@link #ema} written for speed).
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
        if (epsRoot == 0) {
            return foldedAdaptiveStep(m, v, c1, c2, eps, lr);
        }
        NDArray vHat = c2 != 1 ? v.div(constant(c2, v)) : v;
        NDArray denom = vHat.add(constant(epsRoot, v)).sqrt().addi(constant(eps, v));
        return m.div(denom).muli(constant(lr / c1, v));
    }

    // SPEED: the one place where an update is rewritten for speed; bin/bench-update (Adam on the lecture
    // MLP) shows each pays. On the PyTorch engine every array operation and every temporary array costs a
    // native call, which for parameters of a few thousand entries costs more than the arithmetic itself.

    /**
     * {@code m = beta m + (1 - beta) g} written {@code (m - g) beta + g}: the same value up to rounding,
     * without a temporary array; returns {@code m}.
     */
    protected final NDArray firstMoment(NDArray m, NDArray g, double beta) {
        return m.subi(g).muli(constant(beta, m)).addi(g);
    }

    /**
     * {@code v = beta v + (1 - beta) x} for an {@code x} computed by this update (such as {@code g * g}),
     * which is scaled in place instead of copied: the same numbers as {@link #ema}, one temporary fewer;
     * returns {@code v}.
     */
    protected final NDArray secondMoment(NDArray v, NDArray temporary, double beta) {
        return v.muli(constant(beta, v)).addi(temporary.muli(constant(1 - beta, v)));
    }

    /**
     * {@code lr * (m / c1) / (sqrt(v / c2) + eps)} as {@code [lr sqrt(c2) / c1] * m / (sqrt(v) + eps sqrt(c2))},
     * the same value with one operation on the arrays fewer (no division of {@code v}).
     */
    private NDArray foldedAdaptiveStep(NDArray m, NDArray v, double c1, double c2, double eps, double lr) {
        double sqrtC2 = Math.sqrt(c2);
        NDArray denom = v.sqrt().addi(constant(eps * sqrtC2, v));
        return m.div(denom).muli(constant(lr * sqrtC2 / c1, v));
    }
}
