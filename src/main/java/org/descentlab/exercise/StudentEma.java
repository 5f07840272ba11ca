package org.descentlab.exercise;

/**
 * A moving average fed one observation at a time (TTIC 31230, slide "Bias Correction"): returns the estimate
 * after seeing {@code x}, per coordinate.
 *
 * <pre>{@code
 *   StudentEma mine = (x, n, s) -> {
 *       double[] avg = s.buffer("avg");
 *       ...
 *       return avg;
 *   };
 * }</pre>
 */
@FunctionalInterface
public interface StudentEma {

    /**
     * @param x the new observation x_t (read it, do not change it)
     * @param n the window N (beta = 1 - 1/N)
     * @param s the state: buffers and the 1-based count {@code t} of observations including this one
     * @return the estimate after x_t, of the same length as {@code x}
     */
    double[] update(double[] x, int n, State s);
}
