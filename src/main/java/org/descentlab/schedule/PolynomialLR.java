package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * Polynomial decay to zero, torch's {@code PolynomialLR}:
 *
 * <pre>
 *   eta_t = eta0 * (1 - min(t, total_iters) / total_iters)^power
 * </pre>
 *
 * Not in the lectures; like STAT 453 L12's decays it shrinks the rate to damp the end-of-training
 * oscillations, but reaches exactly 0. {@code power = 1} is a linear decay to zero at {@code total_iters}; the rate stays 0 afterwards.
 * torch computes it recursively (previous rate times a ratio of consecutive factors), equal up to
 * rounding. torch's defaults: {@code total_iters = 5}, {@code power = 1}. (optax's {@code
 * polynomial_schedule} also has an end value and an offset; see the tests for that mapping.)
 */
public final class PolynomialLR implements Schedule {

    private final double lr;
    private final long totalIters;
    private final double power;

    /**
     * @param lr the initial rate, {@code >= 0}
     * @param totalIters the step at which the rate reaches 0, {@code >= 1}
     * @param power the exponent, a finite number {@code >= 0}
     */
    public PolynomialLR(double lr, long totalIters, double power) {
        this.lr = Check.nonNegative("lr", lr);
        this.totalIters = Check.atLeast("total_iters", totalIters, 1);
        this.power = Check.nonNegative("power", power);
    }

    @Override
    public double valueAt(long step) {
        Schedule.checkStep(step);
        return lr * Math.pow(1.0 - (double) Math.min(totalIters, step) / totalIters, power);
    }

    @Override
    public String describe() {
        return "PolynomialLR(lr=" + lr + ", total_iters=" + totalIters + ", power=" + power + ")";
    }
}
