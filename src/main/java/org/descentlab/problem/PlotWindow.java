package org.descentlab.problem;

import org.descentlab.util.Check;

/**
 * The rectangle {@code [xMin, xMax] x [yMin, yMax]} in which a 2-D problem is drawn (contours plus
 * trajectories).
 */
public record PlotWindow(double xMin, double xMax, double yMin, double yMax) {

    public PlotWindow {
        Check.finite("xMin", xMin);
        Check.finite("xMax", xMax);
        Check.finite("yMin", yMin);
        Check.finite("yMax", yMax);
        if (!(xMin < xMax)) {
            throw new IllegalArgumentException(
                    "xMin = " + xMin + " is invalid: must be < xMax = " + xMax);
        }
        if (!(yMin < yMax)) {
            throw new IllegalArgumentException(
                    "yMin = " + yMin + " is invalid: must be < yMax = " + yMax);
        }
    }

    /**
     * The smallest window holding both points, widened by half its span on each side and by at least
     * 1, so that neither point sits on the border.
     */
    public static PlotWindow around(double[] a, double[] b) {
        double x0 = Math.min(a[0], b[0]);
        double x1 = Math.max(a[0], b[0]);
        double y0 = Math.min(a[1], b[1]);
        double y1 = Math.max(a[1], b[1]);
        double mx = Math.max(1.0, 0.5 * (x1 - x0));
        double my = Math.max(1.0, 0.5 * (y1 - y0));
        return new PlotWindow(x0 - mx, x1 + mx, y0 - my, y1 + my);
    }

    /** Whether {@code (x, y)} lies inside (borders included). */
    public boolean contains(double x, double y) {
        return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
    }
}
