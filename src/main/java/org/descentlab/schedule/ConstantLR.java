package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * torch's {@code ConstantLR}, a crude warm-up: the base rate scaled by {@code factor} for the first
 * {@code total_iters} steps, then the base rate. Not the constant schedule ({@link Schedule#constant}).
 *
 * <pre>
 *   eta_t = eta0 * factor   for t &lt; total_iters
 *   eta_t = eta0            for t &gt;= total_iters
 * </pre>
 *
 * Not in the lectures (their warm-up is {@link LinearLR}). torch computes the step at {@code
 * total_iters} recursively as {@code (eta0*factor)*(1/factor)}, which can differ from {@code eta0} in the
 * last bit; here it is exactly {@code eta0}.
 *
 * @param lr the base rate, {@code >= 0}
 * @param factor the multiplier during the first steps, in {@code [0, 1]} (as torch)
 * @param totalIters how many steps use the factor, {@code >= 0}
 */
public record ConstantLR(double lr, double factor, long totalIters) implements Schedule {

    public ConstantLR {
        Check.nonNegative("lr", lr);
        Check.closedUnitInterval("factor", factor);
        Check.atLeast("total_iters", totalIters, 0);
    }

    @Override
    public double valueAt(long t) {
        return Schedule.checkStep(t) < totalIters ? lr * factor : lr;
    }

    @Override
    public String describe() {
        return Schedule.describe("ConstantLR", "lr", lr, "factor", factor, "total_iters", totalIters);
    }
}
