package org.descentlab.schedule;

import org.descentlab.util.Check;

import java.util.Locale;

/**
 * The 1cycle policy (Smith and Topin 2018; a single cycle of STAT 453 L12's cyclical learning rates), torch's {@code OneCycleLR} without momentum cycling. The
 * rate warms up from {@code initial = max_lr / div_factor} to {@code max_lr} over the first {@code
 * pct_start} of {@code total_steps}, then anneals to {@code min = initial / final_div_factor}:
 *
 * <pre>
 *   phase 1: steps 0 .. pct_start*total - 1       initial -&gt; max_lr
 *   phase 2: .. total - 1                           max_lr  -&gt; min
 *   (three_phase: max_lr -&gt; initial until 2*pct_start*total - 2, then initial -&gt; min)
 *   cos anneal:    end + (start - end) / 2 * (1 + cos(pi p)),   linear: start + (end - start) p
 * </pre>
 *
 * with {@code p} the fraction of the current phase done. Computed with torch's operations in torch's
 * order. Like torch, stepping beyond {@code total_steps} is an error. Differences from torch: the
 * optimizer's momentum / beta1 is not cycled ({@code cycle_momentum} is unsupported); the total is
 * given directly ({@code epochs * steps_per_epoch} is the caller's product). Its base rate is {@code
 * max_lr}, not the optimizer's rate (torch likewise overwrites the optimizer's rate).
 */
public final class OneCycleLR implements Schedule {

    /** The shape of each phase. */
    public enum Anneal {
        /** Half a cosine period. */
        COS,
        /** A straight line. */
        LINEAR;

        /** torch's spelling. */
        public String torchName() {
            return TorchWords.of(this);
        }

        /** Parses torch's spelling ({@code cos}, {@code linear}). */
        public static Anneal parse(String name) {
            return TorchWords.parse("anneal_strategy", name, Anneal.class);
        }
    }

    /** torch's default {@code pct_start}. */
    static final double PCT_START = 0.3;
    /** torch's default {@code div_factor}. */
    static final double DIV_FACTOR = 25;
    /** torch's default {@code final_div_factor}. */
    static final double FINAL_DIV_FACTOR = 1e4;

    private final double maxLr;
    private final long totalSteps;
    private final double pctStart;
    private final Anneal anneal;
    private final double divFactor;
    private final double finalDivFactor;
    private final boolean threePhase;
    private final double initialLr;
    private final double minLr;
    private final double[] endSteps;
    private final double[] startLrs;
    private final double[] endLrs;

    /** torch's defaults (pct_start, cos, div_factor, final_div_factor), as {@link Schedules#catalog()} lists them. */
    public OneCycleLR(double maxLr, long totalSteps) {
        this(maxLr, totalSteps, PCT_START, Anneal.COS, DIV_FACTOR, FINAL_DIV_FACTOR, false);
    }

    /**
     * @param maxLr the peak rate, {@code >= 0}
     * @param totalSteps the length of the cycle, {@code >= 2}
     * @param pctStart the fraction spent warming up, in {@code [0, 1]}
     * @param anneal the shape of each phase
     * @param divFactor {@code initial = max_lr / div_factor}, {@code > 0}
     * @param finalDivFactor {@code min = initial / final_div_factor}, {@code > 0}
     * @param threePhase whether to return to the initial rate before the final annealing
     */
    public OneCycleLR(double maxLr, long totalSteps, double pctStart, Anneal anneal, double divFactor,
            double finalDivFactor, boolean threePhase) {
        this.maxLr = Check.nonNegative("max_lr", maxLr);
        this.totalSteps = Check.atLeast("total_steps", totalSteps, 2);
        this.pctStart = Check.closedUnitInterval("pct_start", pctStart);
        this.anneal = Check.notNull("anneal_strategy", anneal);
        this.divFactor = Check.positive("div_factor", divFactor);
        this.finalDivFactor = Check.positive("final_div_factor", finalDivFactor);
        this.threePhase = threePhase;
        this.initialLr = maxLr / divFactor;
        this.minLr = initialLr / finalDivFactor;
        if (threePhase) {
            endSteps = new double[] {pctStart * totalSteps - 1, 2 * pctStart * totalSteps - 2, totalSteps - 1};
            startLrs = new double[] {initialLr, maxLr, initialLr};
            endLrs = new double[] {maxLr, initialLr, minLr};
        } else {
            endSteps = new double[] {pctStart * totalSteps - 1, totalSteps - 1};
            startLrs = new double[] {initialLr, maxLr};
            endLrs = new double[] {maxLr, minLr};
        }
    }

    /** The total number of steps; {@link #valueAt} accepts {@code 0 .. totalSteps}. */
    public long totalSteps() {
        return totalSteps;
    }

    @Override
    public double valueAt(long step) {
        Schedule.checkStep(step);
        if (step > totalSteps) {
            throw new IllegalArgumentException(
                    "step = " + step + " is invalid: OneCycleLR with total_steps = " + totalSteps
                            + " must be stepped at most total_steps times (step in [0, " + totalSteps + "])");
        }
        double startStep = 0;
        for (int i = 0; i < endSteps.length; i++) {
            double endStep = endSteps[i];
            if (step <= endStep || i == endSteps.length - 1) {
                double pct = (step - startStep) / (endStep - startStep);
                return anneal == Anneal.COS
                        ? endLrs[i] + (startLrs[i] - endLrs[i]) / 2.0 * (Math.cos(Math.PI * pct) + 1)
                        : (endLrs[i] - startLrs[i]) * pct + startLrs[i];
            }
            startStep = endStep;
        }
        throw new AssertionError("unreachable");
    }

    @Override
    public String describe() {
        return Schedule.describe("OneCycleLR", "max_lr", maxLr, "total_steps", totalSteps, "pct_start", pctStart,
                "anneal_strategy", anneal.torchName(), "div_factor", divFactor, "final_div_factor", finalDivFactor,
                "three_phase", threePhase ? true : null);
    }
}
