package org.descentlab.optim;

/**
 * Adam (Kingma and Ba 2014) as {@code torch.optim.Adam}: weight decay is coupled L2, added to the
 * gradient before the moving averages (STAT 453 L12 Algorithm 1 has none; CTU DLE L7 shows the decoupled
 * alternative, {@link AdamW}).
 *
 * <pre>
 *   g = grad + weight_decay * w
 *   then the update of {@link AdamBase}: m, v, bias correction, w = w - lr * m^ / (sqrt(v^) + eps)
 * </pre>
 *
 * AMSGrad is {@code amsgrad = true} (torch's flag). Defaults ({@link #HYPER}) are torch's.
 */
public final class Adam extends AdamBase {

    /** Adam's hyper-parameters: torch's names and defaults, plus optax's eps_root and amsgrad_max. */
    public static final HyperParameters HYPER = adamDeclaration("Adam", HyperParameters.WEIGHT_DECAY);

    private Adam(HyperValues h) {
        super(h, false);
    }

    /** A builder with torch's defaults. */
    public static Builder<Adam> builder() {
        return new Builder<>(HYPER, Adam::new);
    }

    /** Adam with learning rate {@code lr} and torch's other defaults. */
    public static Adam of(double lr) {
        return builder().lr(lr).build();
    }

    /** Builds from torch-named options: lr, betas, eps, weight_decay, amsgrad, bias_correction. */
    public static Adam fromOptions(Options o) {
        return builder().buildFrom(o);
    }

    /**
     * AMSGrad (Reddi et al. 2018) as torch writes it, {@code Adam(amsgrad=True)}: the running maximum
     * of the uncorrected {@code v}, bias-corrected with the current step (see {@link AdamBase}).
     * optax.amsgrad differs: it keeps the maximum of the already bias-corrected {@code v^}.
     */
    public static Adam amsgrad(double lr) {
        return builder().lr(lr).amsgrad(true).build();
    }

    /**
     * The named entry "amsgrad": Adam's options (lr, betas, eps, weight_decay, bias_correction) with
     * amsgrad on; {@code amsgrad=false} is rejected. The optimizer is an {@code Adam} (its state is
     * interchangeable with {@code Adam(amsgrad=true)}, as in torch).
     */
    public static Adam amsgradFromOptions(Options o) {
        if (!o.getBoolean("amsgrad", true)) {
            throw new IllegalArgumentException(
                    "amsgrad = false is invalid for AMSGrad: must be true (use Adam for plain Adam)");
        }
        return builder().amsgrad(true).buildFrom(o, "AMSGrad");
    }
}
