package org.descentlab.schedule;

import org.descentlab.util.Check;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The product of schedules, like torch's {@code ChainedScheduler}: the first schedule carries the
 * base rate, the others are multiplicative factors built with base rate 1:
 *
 * <pre>
 *   eta_t = first.valueAt(t) * factor_1.valueAt(t) * ... * factor_n.valueAt(t)
 * </pre>
 *
 * e.g. {@code new ChainedSchedule(new ConstantLR(1, 0.1, 3), new ExponentialLR(1, 0.9))} with the
 * first given the base rate. torch steps every scheduler in turn on the same optimizer; for torch's
 * multiplicative (chainable) schedulers ({@code ConstantLR}, {@code LinearLR}, {@code StepLR}, {@code
 * MultiStepLR}, {@code ExponentialLR}, {@code PolynomialLR}, {@code CosineAnnealingLR} on {@code
 * eta_min = 0}) that is this product, up to rounding. It differs from torch for schedulers that
 * overwrite the rate instead of scaling it ({@code LambdaLR}, {@code CyclicLR}, {@code OneCycleLR},
 * warm restarts), where in torch the last overwriter wins, and for a cosine with {@code eta_min > 0}.
 */
public final class ChainedSchedule implements Schedule {

    private final Schedule first;
    private final List<Schedule> factors;

    /**
     * @param first the schedule with the base rate
     * @param factors schedules built with base rate 1
     */
    public ChainedSchedule(Schedule first, Schedule... factors) {
        this(first, List.of(Check.notNull("factors", factors)));
    }

    /**
     * @param first the schedule with the base rate
     * @param factors schedules built with base rate 1
     */
    public ChainedSchedule(Schedule first, List<? extends Schedule> factors) {
        this.first = Check.notNull("first", first);
        Check.notNull("factors", factors);
        for (int i = 0; i < factors.size(); i++) {
            Check.notNull("factors[" + i + "]", factors.get(i));
        }
        this.factors = List.copyOf(new ArrayList<>(factors));
    }

    @Override
    public double valueAt(long step) {
        Schedule.checkStep(step);
        double v = first.valueAt(step);
        for (Schedule f : factors) {
            v *= f.valueAt(step);
        }
        return v;
    }

    @Override
    public String describe() {
        return "ChainedSchedule(" + first.describe()
                + factors.stream().map(s -> " * " + s.describe()).collect(Collectors.joining()) + ")";
    }
}
