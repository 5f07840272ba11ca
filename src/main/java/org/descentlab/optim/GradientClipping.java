package org.descentlab.optim;

import ai.djl.ndarray.NDArray;

import java.util.Map;

/**
 * A rule that shrinks the gradients of one step before the optimizer sees them: CTU DLE L7,
 * slide "Optimizers summary": "If something is too big, you can always restrict
 * it manually - Gradient clipping", with {@code torch.nn.utils.clip_grad_norm_(model.parameters(),
 * max_norm=1.0)} between {@code backward()} and {@code step()}).
 *
 * <p>Two rules: {@link ClipByGlobalNorm} (torch's {@code clip_grad_norm_}) and {@link ClipByValue}
 * (torch's {@code clip_grad_value_}). Either composes with any optimizer through
 * {@link DescentOptimizer#setClipping}: {@link DescentOptimizer#step(Map, Map)} then clips copies of
 * all gradients of the step before updating, and the caller's gradients are left alone. In a DJL
 * {@code Trainer}, {@link DescentOptimizer#update} sees one parameter at a time, so only
 * {@linkplain #isPerParameter() per-parameter} rules can run there; a global norm must be clipped by
 * the training loop, with {@link #clipInPlace(Iterable)} on all gradients before
 * {@code trainer.step()}, exactly as the slide's torch loop does.
 */
public interface GradientClipping {

    /** Clipped gradients of one step, by name. The arguments are not modified; unchanged ones may be returned as is. */
    Map<String, NDArray> clip(Map<String, NDArray> gradients);

    /** Clips the gradients of one step in place (torch's {@code clip_grad_*_}). */
    void clipInPlace(Iterable<NDArray> gradients);

    /** Whether the rule can be applied to each parameter's gradient on its own. */
    boolean isPerParameter();

    /**
     * The clipped copy of one parameter's gradient (or the gradient itself if unchanged), for rules that
     * are {@linkplain #isPerParameter() per-parameter}.
     *
     * @throws IllegalStateException for a rule that needs all gradients at once
     */
    NDArray clipOne(NDArray gradient);

    /** torch's {@code clip_grad_norm_(max_norm)}. */
    static ClipByGlobalNorm byGlobalNorm(double maxNorm) {
        return new ClipByGlobalNorm(maxNorm);
    }

    /** torch's {@code clip_grad_value_(clip_value)}. */
    static ClipByValue byValue(double clipValue) {
        return new ClipByValue(clipValue);
    }
}
