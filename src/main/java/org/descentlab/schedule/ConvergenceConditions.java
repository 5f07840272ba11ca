package org.descentlab.schedule;

import org.descentlab.util.Check;

/**
 * A numerical look at the conditions of the classical convergence theorem (TTIC 31230: {@code eta_t >=
 * 0}, {@code eta_t -> 0}, {@code sum eta_t = infinity}, {@code sum eta_t^2 < infinity}) and at DL1
 * L4's table of the schedules {@code 1}, {@code 1/t} and {@code e^-t} (slide "Choosing the Learning
 * Rate Schedule of SGD"), for any schedule over a finite horizon {@code H} (steps {@code 0 .. H-1}).
 *
 * <p>A finite computation can only indicate a limit, so the verdicts are defined by explicit rules,
 * reported alongside the numbers they come from:
 *
 * <ul>
 *   <li><b>tends to zero</b>: the largest rate in the second half {@code [H/2, H)} is at most {@code
 *       0.99} times the largest rate in {@code [H/4, H/2)}, or below {@code 1e-12} times the largest
 *       rate overall (still falling, or already negligible);
 *   <li><b>sum diverges</b>: the second half still adds at least {@code 1e-3} of the partial sum
 *       ({@code S(H) - S(H/2) >= 1e-3 S(H)}); for {@code 1/t} the last half adds {@code ln 2} however long
 *       the horizon, for {@code e^-kt} it adds almost nothing;
 *   <li><b>sum of squares converges</b>: the same test on {@code eta^2} fails.
 * </ul>
 *
 * Slow decays (a {@code gamma} very close to 1, {@code t^-0.51}) need a longer horizon to be judged
 * correctly; the partial sums are returned so a notebook can plot them against {@code H}.
 */
public final class ConvergenceConditions {

    /** The share of the partial sum that the second half must still add to count as divergent. */
    public static final double TAIL_SHARE = 1e-3;

    private ConvergenceConditions() {}

    /**
     * The partial sums and verdicts for one schedule.
     *
     * @param schedule the schedule's description
     * @param horizon the number of steps summed
     * @param first the rate at step 0
     * @param last the rate at step {@code H-1}
     * @param sum {@code S(H) = sum_{t<H} eta_t}
     * @param halfSum {@code S(H/2)}
     * @param sumOfSquares {@code Q(H) = sum_{t<H} eta_t^2}
     * @param halfSumOfSquares {@code Q(H/2)}
     * @param tendsToZero the verdict on {@code eta_t -> 0}
     * @param sumDiverges the verdict on {@code sum eta_t = infinity}
     * @param sumOfSquaresConverges the verdict on {@code sum eta_t^2 < infinity}
     */
    public record Report(
            String schedule,
            long horizon,
            double first,
            double last,
            double sum,
            double halfSum,
            double sumOfSquares,
            double halfSumOfSquares,
            boolean tendsToZero,
            boolean sumDiverges,
            boolean sumOfSquaresConverges) {

        /** Whether all of TTIC 31230's conditions hold at this horizon. */
        public boolean satisfiesTheorem() {
            return tendsToZero && sumDiverges && sumOfSquaresConverges;
        }

        /** One row of DL1 L4's table: the verdicts as check marks. */
        public String tableRow() {
            return String.format("%-40s lim=0 %s  sum=inf %s  sum^2<inf %s", schedule,
                    tendsToZero ? "yes" : "no ", sumDiverges ? "yes" : "no ", sumOfSquaresConverges ? "yes" : "no ");
        }
    }

    /**
     * Evaluates {@code schedule} at steps {@code 0 .. horizon-1}.
     *
     * @param horizon the number of steps, {@code >= 8}
     */
    public static Report check(Schedule schedule, long horizon) {
        Check.notNull("schedule", schedule);
        Check.atLeast("horizon", horizon, 8);
        long half = horizon / 2;
        long quarter = horizon / 4;
        double sum = 0, sumSq = 0, halfSum = 0, halfSumSq = 0;
        double maxAll = 0, maxQuarterToHalf = 0, maxSecondHalf = 0;
        double first = 0, last = 0;
        for (long t = 0; t < horizon; t++) {
            double eta = schedule.valueAt(t);
            if (!(eta >= 0) || Double.isInfinite(eta)) {
                throw Check.invalid("eta(" + t + ")", eta, "a finite number >= 0 (TTIC 31230: eta_t >= 0)");
            }
            if (t == 0) {
                first = eta;
            }
            last = eta;
            if (t == half) {
                halfSum = sum;
                halfSumSq = sumSq;
            }
            sum += eta;
            sumSq += eta * eta;
            maxAll = Math.max(maxAll, eta);
            if (t >= quarter && t < half) {
                maxQuarterToHalf = Math.max(maxQuarterToHalf, eta);
            } else if (t >= half) {
                maxSecondHalf = Math.max(maxSecondHalf, eta);
            }
        }
        boolean toZero = maxSecondHalf <= 0.99 * maxQuarterToHalf || maxSecondHalf <= 1e-12 * maxAll;
        boolean diverges = sum > 0 && sum - halfSum >= TAIL_SHARE * sum;
        boolean squaresDiverge = sumSq > 0 && sumSq - halfSumSq >= TAIL_SHARE * sumSq;
        return new Report(schedule.describe(), horizon, first, last, sum, halfSum, sumSq, halfSumSq,
                toZero, diverges, !squaresDiverge);
    }
}
