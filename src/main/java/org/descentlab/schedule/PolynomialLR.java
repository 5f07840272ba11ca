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
 * oscillations, but reaches exactly 0 at {@code total_iters} and stays there ({@code power = 1}: a
 * linear decay). torch computes it recursively (previous rate times a ratio of consecutive factors),
 * equal up to rounding. (optax's {@code polynomial_schedule} also has an end value and an offset; see
 * the tests for that mapping.)
 *
 * @param lr the initial rate, {@code >= 0}
 * @param totalIters the step at which the rate reaches 0, {@code >= 1}
 * @param power the exponent, a finite number {@code >= 0}
 */
public record PolynomialLR(double lr, long totalIters, double power) implements Schedule {

    public PolynomialLR {
        Check.nonNegative("lr", lr);
        Check.atLeast("total_iters", totalIters, 1);
        Check.nonNegative("power", power);
    }

    @Override
    public double valueAt(long t) {
        return lr * Math.pow(1.0 - (double) Math.min(totalIters, Schedule.checkStep(t)) / totalIters, power);
    }

    @Override
    public String describe() {
        return Schedule.describe("PolynomialLR", "lr", lr, "total_iters", totalIters, "power", power);
    }
}
