package org.descentlab.optim;

import static org.descentlab.optim.HyperParameter.Range.NON_NEGATIVE;

/**
 * AdamW (Loshchilov and Hutter 2019): Adam with decoupled weight decay, as on CTU DLE L7 (slide with "Decoupled weight-decay",
 * {@code w^ = w - alpha * lambda * w}, then the Adam step from {@code w^}).
 *
 * <pre>
 *   w = w - lr * weight_decay * w        (decoupled: the decay never enters m or v)
 *   w = the step of {@link AdamBase} with the raw gradient
 * </pre>
 *
 * Same as {@code torch.optim.AdamW}, with torch's defaults ({@link #HYPER}; weight_decay 0.01).
 */
public final class AdamW extends AdamBase {

    /** Decoupled weight decay: {@code w = w - lr * weight_decay * w} before the step. */
    static final HyperParameter<Double> WEIGHT_DECAY = HyperParameter.number(
            "weight_decay", 0.01, NON_NEGATIVE, "decoupled decay: w = w - lr * weight_decay * w");

    /** AdamW's hyper-parameters: Adam's, with decoupled weight decay. */
    public static final HyperParameters HYPER = adamDeclaration("AdamW", WEIGHT_DECAY);

    private AdamW(HyperValues h) {
        super(h, true);
    }

    /** A builder with torch's defaults (weight_decay 0.01). */
    public static Builder<AdamW> builder() {
        return new Builder<>(HYPER, AdamW::new);
    }

    /** AdamW with learning rate {@code lr} and torch's other defaults. */
    public static AdamW of(double lr) {
        return builder().lr(lr).build();
    }

    /** Builds from torch-named options: lr, betas, eps, weight_decay, amsgrad, bias_correction. */
    public static AdamW fromOptions(Options o) {
        return builder().buildFrom(o);
    }
}
