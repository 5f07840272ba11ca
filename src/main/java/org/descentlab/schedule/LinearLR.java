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
 * Not in the lectures, which start at full rate; TTIC 31230's large-batch rule {@code eta = B eta0} (Goyal
 * et al.) is usually paired with such a warm-up. torch computes the rate recursively (the previous rate times a ratio of consecutive factors);
 * that is the same line, up to rounding. torch's defaults: {@code start_factor = 1/3}, {@code
 * end_factor = 1}, {@code total_iters = 5}. Usually followed by a decay schedule through {@link
 * SequentialLR}. Unlike torch, {@code start_factor = 0} (a warm-up from zero, optax's usual
 * {@code init_value = 0}) is accepted: torch rejects it only because its recursive form divides by
 * the previous factor.
 */
public final class LinearLR implements Schedule {

    private final double lr;
    private final double startFactor;
    private final double endFactor;
    private final long totalIters;

    /**
     * @param lr the base rate, {@code >= 0}
     * @param startFactor the multiplier at step 0, in {@code [0, 1]}
     * @param endFactor the multiplier from {@code total_iters} on, in {@code [0, 1]}
     * @param totalIters the length of the ramp, {@code >= 1}
     */
    public LinearLR(double lr, double startFactor, double endFactor, long totalIters) {
        this.lr = Check.nonNegative("lr", lr);
        this.startFactor = Check.closedUnitInterval("start_factor", startFactor);
        this.endFactor = Check.closedUnitInterval("end_factor", endFactor);
        this.totalIters = Check.atLeast("total_iters", totalIters, 1);
    }

    /** A warm-up from {@code lr * startFactor} to {@code lr} over {@code totalIters} steps. */
    public static LinearLR warmup(double lr, double startFactor, long totalIters) {
        return new LinearLR(lr, startFactor, 1.0, totalIters);
    }

    @Override
    public double valueAt(long step) {
        Schedule.checkStep(step);
        long t = Math.min(step, totalIters);
        return lr * (startFactor + (endFactor - startFactor) * t / totalIters);
    }

    @Override
    public String describe() {
        return "LinearLR(lr=" + lr + ", start_factor=" + startFactor + ", end_factor=" + endFactor
                + ", total_iters=" + totalIters + ")";
    }
}
