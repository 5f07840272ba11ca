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
    MIN_T_N;

    /** The EMA coefficient used at step {@code t}: {@code beta}, or {@code 1 - 1/min(t, N)} for {@link #MIN_T_N}. */
    public double beta(double beta, long t) {
        return this == MIN_T_N ? 1 - 1 / Math.min(t, 1 / (1 - beta)) : beta;
    }

    /** What the EMA is divided by at step {@code t}: {@code 1 - beta^t} for {@link #EXPONENTIAL}, else 1. */
    public double divisor(double beta, long t) {
        return this == EXPONENTIAL ? 1 - Math.pow(beta, t) : 1;
    }
}
