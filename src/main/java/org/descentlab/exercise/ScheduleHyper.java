package org.descentlab.exercise;

import java.util.Locale;

/**
 * The settings of one schedule test case. The triangular cycle uses {@code baseLr}, {@code maxLr} and
 * {@code stepSize}; the warm-up + cosine schedule uses {@code maxLr}, {@code warmup}, {@code total}
 * and {@code minLr}. Unused values are NaN or -1.
 *
 * @param baseLr the lowest rate of the cycle
 * @param maxLr the highest rate (the peak of the cycle, the end of the warm-up)
 * @param stepSize the number of steps of half a triangular cycle (the rise)
 * @param warmup the number of warm-up steps, {@code >= 1}
 * @param total the step at which the cosine reaches {@code minLr}
 * @param minLr the rate at the end of the cosine
 */
public record ScheduleHyper(double baseLr, double maxLr, long stepSize, long warmup, long total, double minLr) {

    /** Settings of a triangular cycle. */
    public static ScheduleHyper triangular(double baseLr, double maxLr, long stepSize) {
        return new ScheduleHyper(baseLr, maxLr, stepSize, -1, -1, Double.NaN);
    }

    /** Settings of a linear warm-up followed by a cosine decay. */
    public static ScheduleHyper warmupCosine(double maxLr, long warmup, long total, double minLr) {
        return new ScheduleHyper(Double.NaN, maxLr, -1, warmup, total, minLr);
    }

    @Override
    public String toString() {
        if (stepSize > 0) {
            return String.format(Locale.ROOT, "baseLr=%s, maxLr=%s, stepSize=%d",
                    Hyper.fmt(baseLr), Hyper.fmt(maxLr), stepSize);
        }
        return String.format(Locale.ROOT, "maxLr=%s, warmup=%d, total=%d, minLr=%s",
                Hyper.fmt(maxLr), warmup, total, Hyper.fmt(minLr));
    }
}
