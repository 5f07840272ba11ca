package org.descentlab.schedule;

import org.descentlab.util.Check;

import java.util.function.LongToDoubleFunction;

/**
 * torch's {@code LambdaLR} (the "most generic version" in STAT 453 L12): the base rate times a factor
 * computed from the step,
 *
 * <pre>
 *   eta_t = eta0 * lambda(t)
 * </pre>
 *
 * e.g. STAT 453 L12's {@code lambda epoch: 0.95 ** epoch}. Same as torch for one parameter group (torch
 * also accepts one function per group). A factor that is negative or not finite is an error when it
 * is asked for, naming the step.
 *
 * @param lr the base rate, {@code >= 0}
 * @param factor the multiplier as a function of the step
 * @param description how to show the factor in {@link #describe()}, e.g. {@code "0.95^t"} ({@code null}: lambda)
 */
public record LambdaLR(double lr, LongToDoubleFunction factor, String description) implements Schedule {

    public LambdaLR {
        Check.nonNegative("lr", lr);
        Check.notNull("lr_lambda", factor);
        description = description == null ? "lambda" : description;
    }

    /** A factor shown as {@code lambda} in legends. */
    public LambdaLR(double lr, LongToDoubleFunction factor) {
        this(lr, factor, null);
    }

    @Override
    public double valueAt(long step) {
        double f = factor.applyAsDouble(Schedule.checkStep(step));
        if (!(f >= 0) || Double.isInfinite(f)) {
            throw Check.invalid("lr_lambda(" + step + ")", f, "a finite number >= 0");
        }
        return lr * f;
    }

    @Override
    public String describe() {
        return Schedule.describe("LambdaLR", "lr", lr, "lambda", description);
    }
}
