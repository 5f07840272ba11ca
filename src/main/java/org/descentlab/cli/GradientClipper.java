package org.descentlab.cli;

import org.descentlab.optim.DescentOptimizer;

/**
 * Wraps an optimizer so that it clips each gradient before its update, as {@code --clip-norm} or
 * {@code --clip-value} ask. See {@link Wiring} for the implementation in use.
 */
@FunctionalInterface
public interface GradientClipper {

    /** How to clip: by the gradient's L2 norm or element-wise by value. */
    enum Mode {
        /** Rescale the gradient so that its L2 norm is at most the threshold (torch's clip_grad_norm_). */
        NORM("--clip-norm"),
        /** Clamp each gradient entry to [-threshold, threshold] (torch's clip_grad_value_). */
        VALUE("--clip-value");

        private final String option;

        Mode(String option) {
            this.option = option;
        }

        /** The command-line option that selects this mode. */
        public String option() {
            return option;
        }
    }

    /** A validated clipping request: the mode and a finite threshold {@code > 0}. */
    record Clip(Mode mode, double threshold) {}

    /**
     * An optimizer that clips gradients as {@code clip} says and then applies {@code optimizer}.
     *
     * @throws IllegalArgumentException if clipping is not possible
     */
    DescentOptimizer wrap(DescentOptimizer optimizer, Clip clip);

}
