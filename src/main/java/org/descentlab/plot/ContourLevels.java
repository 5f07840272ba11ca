package org.descentlab.plot;

import java.awt.Color;

/** Where the contour lines of a {@link ContourPlot} lie (evenly or log-spaced) and how each is coloured. */
final class ContourLevels {

    private ContourLevels() {}

    /**
     * {@code n} levels over the finite range {@code [lo, hi]} of the sampled values {@code z}: evenly spaced
     * strictly inside it, or log-spaced above {@code lo} (from {@code 10^-LOG_DECADES} to 70% of the range);
     * none if {@code z} is constant or nowhere finite.
     */
    static double[] spaced(double[][] z, int n, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : z) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi > lo)) {
            return new double[0]; // constant or nowhere finite: nothing to trace
        }
        double span = hi - lo;
        double[] levels = new double[n];
        for (int k = 0; k < n; k++) {
            if (log) {
                // exponents from -LOG_DECADES to -0.15 (the top level at 70% of the range)
                int decades = ContourPlot.LOG_DECADES;
                double e = n == 1 ? -1 : -decades + (decades - 0.15) * k / (n - 1);
                levels[k] = lo + span * Math.pow(10, e);
            } else {
                levels[k] = lo + span * (k + 1) / (n + 1);
            }
        }
        return levels;
    }

    /** The colour of level {@code k} of {@code n}: light viridis, or a grey from dark to light. */
    static Color color(ContourPlot.Coloring coloring, int k, int n) {
        double t = n == 1 ? 0.5 : (double) k / (n - 1);
        if (coloring == ContourPlot.Coloring.GREY) {
            int v = (int) Math.round(0x80 + t * (0xC8 - 0x80));
            return new Color(v, v, v);
        }
        return lighten(viridis(0.85 * t), 0.35);
    }

    /** Viridis at {@code t} in [0, 1], interpolated between its values at 0, 1/8, ..., 1. */
    static Color viridis(double t) {
        int[] anchors = {0x440154, 0x46327E, 0x365C8D, 0x277F8E, 0x1FA187, 0x4AC16D, 0x9FDA3A, 0xD4E21A, 0xFDE725};
        double x = Math.max(0, Math.min(1, t)) * (anchors.length - 1);
        int i = Math.min((int) Math.floor(x), anchors.length - 2);
        double f = x - i;
        Color a = new Color(anchors[i]);
        Color b = new Color(anchors[i + 1]);
        return new Color(
                (int) Math.round(a.getRed() + f * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    private static Color lighten(Color c, double towardsWhite) {
        return new Color(
                (int) Math.round(c.getRed() + towardsWhite * (255 - c.getRed())),
                (int) Math.round(c.getGreen() + towardsWhite * (255 - c.getGreen())),
                (int) Math.round(c.getBlue() + towardsWhite * (255 - c.getBlue())));
    }
}
