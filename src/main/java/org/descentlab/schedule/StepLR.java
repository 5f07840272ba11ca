package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * Step decay, torch's {@code StepLR}: the rate is multiplied by {@code gamma} every {@code step_size}
 * steps,
 *
 * <pre>
 *   eta_t = eta0 * gamma^floor(t / step_size)
 * </pre>
 *
 * With {@code gamma = 0.5} and {@code step_size = 1} this is STAT 453 L12's "halving the learning rate",
 * {@code eta_t = eta_{t-1} / 2} ({@link #halving}); TTIC 31230 recalls that early deep learning halved
 * the rate in steps. torch multiplies the current rate by gamma at each boundary (recursive form); the
 * closed form here agrees up to rounding in the last bits.
 *
 * @param lr the initial rate, {@code >= 0}
 * @param stepSize steps between decays, {@code >= 1}
 * @param gamma the multiplier per decay, a finite number {@code > 0}
 */
public record StepLR(double lr, long stepSize, double gamma) implements Schedule {

    public StepLR {
        Check.nonNegative("lr", lr);
        Check.atLeast("step_size", stepSize, 1);
        Check.positive("gamma", gamma);
    }

    /** STAT 453 L12's halving: the rate is divided by 2 every {@code stepSize} steps. */
    public static StepLR halving(double lr, long stepSize) {
        return new StepLR(lr, stepSize, 0.5);
    }

    @Override
    public double valueAt(long t) {
        return lr * Math.pow(gamma, Schedule.checkStep(t) / stepSize);
    }

    @Override
    public String describe() {
        return Schedule.describe("StepLR", "lr", lr, "step_size", stepSize, "gamma", gamma);
    }
}
