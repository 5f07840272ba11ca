package org.descentlab.exercise;

/**
 * One Nesterov step as on CTU DLE L7: the gradient is taken at the look-ahead point, so the step gets a
 * {@link GradientAt} instead of a gradient.
 *
 * <pre>{@code
 *   StudentNesterov mine = (w, grad, h, s) -> {
 *       double[] v = s.buffer("v");
 *       double[] ahead = new double[w.length];
 *       for (int i = 0; i < w.length; i++) ahead[i] = w[i] + h.lr() * v[i];
 *       double[] g = grad.at(ahead);
 *       ...
 *   };
 * }</pre>
 */
@FunctionalInterface
public interface StudentNesterov {

    /**
     * Updates {@code w} in place.
     *
     * @param w the parameters, to be updated in place
     * @param grad the gradient of the loss at any point
     * @param h this test case's hyper-parameters (lr and momentum)
     * @param s this parameter's state
     */
    void step(double[] w, GradientAt grad, Hyper h, State s);
}
