package org.descentlab.optim;

import ai.djl.ndarray.NDArray;

/**
 * AdamW (Loshchilov and Hutter 2019): Adam with decoupled weight decay, as on CTU DLE L7 (slide with "Decoupled weight-decay",
 * {@code w^ = w - alpha * lambda * w}, then the Adam step from {@code w^}).
 *
 * <pre>
 *   w = w - lr * weight_decay * w        (decoupled: the decay never enters m or v)
 *   w = the step of {@link AdamBase} with the raw gradient
 * </pre>
 *
 * Same as {@code torch.optim.AdamW}; torch's default weight_decay 0.01 is the default here too.
 */
public final class AdamW extends AdamBase {

    private AdamW(Builder<?> b) {
        super(b);
    }

    /** A builder with torch's defaults (weight_decay 0.01). */
    public static Builder<AdamW> builder() {
        return new Builder<>(AdamW::new, 0.01);
    }

    /** AdamW with learning rate {@code lr} and torch's other defaults. */
    public static AdamW of(double lr) {
        return builder().lr(lr).build();
    }

    /** Builds from torch-named options: lr, betas, eps, weight_decay, amsgrad, bias_correction. */
    public static AdamW fromOptions(Options o) {
        AdamW adamW = builder().options(o).build();
        o.finish("AdamW");
        return adamW;
    }

    @Override
    public String name() {
        return "AdamW";
    }

    @Override
    protected void apply(ParamState state, NDArray w, NDArray grad, double lr) {
        if (weightDecay() != 0) {
            w.muli(1 - lr * weightDecay());
        }
        adamStep(state, w, grad, lr);
    }
}
