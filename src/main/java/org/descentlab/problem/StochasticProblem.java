package org.descentlab.problem;

import org.descentlab.util.Check;

import java.util.random.RandomGenerator;

/**
 * A problem whose loss is a mean over {@link #dataSize()} examples, so that a gradient can be
 * estimated from a mini-batch (CTU DLE L7, slide "Batches", CSC413 L4 mini-batch variance). {@link
 * #gradient(double[], long)} is the full-batch gradient.
 */
public interface StochasticProblem extends Problem {

    /** The number of examples N the loss averages over. */
    int dataSize();

    /** The full-batch gradient: the mean of the per-example gradients over all N examples. */
    default double[] fullGradient(double[] w) {
        return gradient(w, 0);
    }

    /**
     * The mean of the per-example gradients over {@code batchSize} examples drawn without replacement
     * (every subset of that size equally likely), so it is an unbiased estimate of {@link
     * #fullGradient}.
     *
     * @param batchSize in {@code [1, dataSize()]}
     * @param rng the source of randomness (seed it for reproducible runs)
     */
    double[] minibatchGradient(double[] w, int batchSize, RandomGenerator rng);

    /** Checks that {@code batchSize} lies in {@code [1, dataSize()]}. */
    default int checkBatchSize(int batchSize) {
        if (batchSize < 1 || batchSize > dataSize()) {
            throw new IllegalArgumentException(
                    "batchSize = " + batchSize + " is invalid: must be an integer in [1, " + dataSize()
                            + "] (the data size of problem '" + name() + "')");
        }
        return batchSize;
    }

    /**
     * {@code k} distinct indices from {@code 0..n-1}, uniformly without replacement, by the first
     * {@code k} swaps of a Fisher-Yates shuffle.
     */
    static int[] sampleWithoutReplacement(int n, int k, RandomGenerator rng) {
        Check.atLeast("n", n, 1);
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k = " + k + " is invalid: must be an integer in [1, " + n + "]");
        }
        Check.notNull("rng", rng);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = new int[k];
        System.arraycopy(perm, 0, out, 0, k);
        return out;
    }
}
