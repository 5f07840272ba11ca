package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * torch's {@code ConstantLR}: the base rate scaled by a constant {@code factor} for the first
 * {@code total_iters} steps, then the base rate:
 *
 * <pre>
 *   eta_t = eta0 * factor   for t &lt; total_iters
 *   eta_t = eta0            for t &gt;= total_iters
 * </pre>
 *
 * A crude warm-up; not in the lectures (their warm-up is {@link LinearLR}). torch computes the step at {@code total_iters} recursively as {@code
 * (eta0*factor)*(1/factor)}, which can differ from {@code eta0} in the last bit; here it is exactly
 * {@code eta0}. torch's defaults are {@code factor = 1/3}, {@code total_iters = 5}.
 */
public final class ConstantLR implements Schedule {

    private final double lr;
    private final double factor;
    private final long totalIters;

    /**
     * @param lr the base rate, {@code >= 0}
     * @param factor the multiplier during the first steps, in {@code [0, 1]} (as torch)
     * @param totalIters how many steps use the factor, {@code >= 0}
     */
    public ConstantLR(double lr, double factor, long totalIters) {
        this.lr = Check.nonNegative("lr", lr);
        this.factor = Check.closedUnitInterval("factor", factor);
        this.totalIters = Check.atLeast("total_iters", totalIters, 0);
    }

    @Override
    public double valueAt(long step) {
        Schedule.checkStep(step);
        return step < totalIters ? lr * factor : lr;
    }

    @Override
    public String describe() {
        return "ConstantLR(lr=" + lr + ", factor=" + factor + ", total_iters=" + totalIters + ")";
    }
}
