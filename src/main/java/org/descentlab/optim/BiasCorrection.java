package org.descentlab.optim;

/** How Adam-style optimizers correct the zero start of their moving averages. */
public enum BiasCorrection {
    /** None: the raw EMAs, as in TTIC 31230, slide "Adam (Without Bias Correction)". */
    NONE,
    /** Kingma and Ba's division by {@code 1 - beta^t} (torch's Adam; CTU DLE L7, STAT 453 L12 Algorithm 1). */
    EXPONENTIAL,
    /**
     * TTIC 31230, slide "Bias Correction": averages with rate {@code 1/min(t, N)}, {@code N = 1/(1 - beta)},
     * which is the exact running mean for {@code t <= N} and the EMA afterwards.
     */
    MIN_T_N
}
