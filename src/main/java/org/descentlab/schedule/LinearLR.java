package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * Linear warm-up (or linear decay), torch's {@code LinearLR}: the multiplier of the base rate moves
 * linearly from {@code start_factor} to {@code end_factor} over {@code total_iters} steps and then
 * stays:
 *
 * <pre>
 *   eta_t = eta0 * (start + (end - start) * min(t, total_iters) / total_iters)
 * </pre>
 *
 * Not in the lectures, which start at full rate; TTIC 31230's large-batch rule {@code eta = B eta0}
 * (Goyal et al.) is usually paired with such a warm-up, followed by a decay through {@link
 * SequentialLR}. torch computes the rate recursively (the previous rate times a ratio of consecutive
 * factors); that is the same line, up to rounding. Unlike torch, {@code start_factor = 0} (a warm-up
 * from zero, optax's usual {@code init_value = 0}) is accepted: torch rejects it only because its
 * recursive form divides by the previous factor.
 *
 * @param lr the base rate, {@code >= 0}
 * @param startFactor the multiplier at step 0, in {@code [0, 1]}
 * @param endFactor the multiplier from {@code total_iters} on, in {@code [0, 1]}
 * @param totalIters the length of the ramp, {@code >= 1}
 */
public record LinearLR(double lr, double startFactor, double endFactor, long totalIters) implements Schedule {

    public LinearLR {
        Check.nonNegative("lr", lr);
        Check.closedUnitInterval("start_factor", startFactor);
        Check.closedUnitInterval("end_factor", endFactor);
        Check.atLeast("total_iters", totalIters, 1);
    }

    /** A warm-up from {@code lr * startFactor} to {@code lr} over {@code totalIters} steps. */
    public static LinearLR warmup(double lr, double startFactor, long totalIters) {
        return new LinearLR(lr, startFactor, 1.0, totalIters);
    }

    @Override
    public double valueAt(long t) {
        long s = Math.min(Schedule.checkStep(t), totalIters);
        return lr * (startFactor + (endFactor - startFactor) * s / totalIters);
    }

    @Override
    public String describe() {
        return Schedule.describe("LinearLR", "lr", lr, "start_factor", startFactor, "end_factor", endFactor,
                "total_iters", totalIters);
    }
}
