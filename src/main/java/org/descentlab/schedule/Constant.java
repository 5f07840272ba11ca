package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * The constant schedule {@code eta_t = eta0}: the first column of DL1 L4's table of schedules
 * (it never tends to zero, so the convergence theorem of TTIC 31230 does not apply) and the baseline of
 * STAT 453 L12 ("try to train the model without learning rate decay first").
 *
 * <p>torch has no scheduler for this (not attaching one is the constant schedule); torch's {@code
 * ConstantLR} is something else, see {@link ConstantLR}.
 */
public final class Constant implements Schedule {

    private final double lr;

    /** @param lr the rate, a finite number {@code >= 0} */
    public Constant(double lr) {
        this.lr = Check.nonNegative("lr", lr);
    }

    @Override
    public double valueAt(long step) {
        Schedule.checkStep(step);
        return lr;
    }

    @Override
    public String describe() {
        return "Constant(lr=" + lr + ")";
    }
}
