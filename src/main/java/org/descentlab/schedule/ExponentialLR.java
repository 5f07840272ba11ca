package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * torch's {@code ExponentialLR}: the rate is multiplied by {@code gamma} every step,
 *
 * <pre>
 *   eta_t = eta0 * gamma^t
 * </pre>
 *
 * This is STAT 453 L12's exponential decay {@code eta0 * e^(-k t)} with {@code gamma = e^(-k)}; {@link
 * ExponentialDecay#ofRate} writes it with the rate {@code k}. The STAT 453 L12 example uses {@code gamma =
 * 0.1} per epoch. torch multiplies the previous rate by gamma (recursive form); {@code Math.pow} here
 * agrees up to rounding in the last bits.
 */
public final class ExponentialLR implements Schedule {

    private final double lr;
    private final double gamma;

    /**
     * @param lr the initial rate, {@code >= 0}
     * @param gamma the multiplier per step, a finite number {@code > 0}
     */
    public ExponentialLR(double lr, double gamma) {
        this.lr = Check.nonNegative("lr", lr);
        this.gamma = Check.positive("gamma", gamma);
    }

    @Override
    public double valueAt(long step) {
        Schedule.checkStep(step);
        return lr * Math.pow(gamma, step);
    }

    @Override
    public String describe() {
        return "ExponentialLR(lr=" + lr + ", gamma=" + gamma + ")";
    }
}
