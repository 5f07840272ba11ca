package org.descentlab.exercise;

/**
 * One update of an optimizer on plain arrays, as a notebook cell writes it:
 *
 * <pre>{@code
 *   StudentOptimizer mine = (w, grad, h, s) -> {
 *       double[] v = s.buffer("v");
 *       for (int i = 0; i < w.length; i++) {
 *           v[i] = h.momentum() * v[i] - grad[i];
 *           w[i] += h.lr() * v[i];
 *       }
 *   };
 * }</pre>
 */
@FunctionalInterface
public interface StudentOptimizer {

    /**
     * Updates {@code w} in place.
     *
     * @param w the parameters, to be updated in place
     * @param grad the gradient at {@code w} (read it, do not change it)
     * @param h this test case's hyper-parameters
     * @param s this parameter's state: buffers, scalars and the step counter {@code t}
     */
    void step(double[] w, double[] grad, Hyper h, State s);
}
