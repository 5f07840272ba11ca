package org.descentlab.plot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Polylines made drawable by XChart: joined into one series with NaN breaks, and clipped to a box so that
 * a diverging path does not stretch the chart's arithmetic (a point at 1e300 still draws its way out).
 */
final class PathClipping {

    private PathClipping() {}

    /** Polylines as one x array and one y array, separated by NaN (a break in XChart's line). */
    static double[][] joinWithGaps(List<double[][]> lines) {
        int n = lines.size() - 1;
        for (double[][] l : lines) {
            n += l.length;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                x[k] = Double.NaN;
                y[k++] = Double.NaN;
            }
            for (double[] p : lines.get(i)) {
                x[k] = p[0];
                y[k++] = p[1];
            }
        }
        return new double[][] {x, y};
    }

    /**
     * The path as x and y arrays, each segment clipped (Liang–Barsky) to the box {@code [x0, x1] x [y0, y1]};
     * a segment leaving and re-entering becomes a NaN break. A path wholly outside keeps its first point
     * (invisible, but its legend entry stays).
     */
    static double[][] clip(double[][] pts, double x0, double x1, double y0, double y1) {
        List<double[]> out = new ArrayList<>();
        double[] last = null;
        for (int k = 0; k + 1 < pts.length; k++) {
            double[] seg = clip(pts[k], pts[k + 1], x0, x1, y0, y1);
            if (seg == null) {
                continue;
            }
            double[] a = {seg[0], seg[1]};
            double[] b = {seg[2], seg[3]};
            if (last == null || !Arrays.equals(last, a)) {
                if (last != null) {
                    out.add(new double[] {Double.NaN, Double.NaN});
                }
                out.add(a);
            }
            out.add(b);
            last = b;
        }
        if (out.isEmpty()) {
            out.add(pts[0]);
        }
        double[] x = new double[out.size()];
        double[] y = new double[out.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = out.get(i)[0];
            y[i] = out.get(i)[1];
        }
        return new double[][] {x, y};
    }

    /** The part of segment a-b inside the box as {x0, y0, x1, y1}, or null if none. */
    private static double[] clip(double[] a, double[] b, double x0, double x1, double y0, double y1) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double[] p = {-dx, dx, -dy, dy};
        double[] q = {a[0] - x0, x1 - a[0], a[1] - y0, y1 - a[1]};
        double t0 = 0;
        double t1 = 1;
        for (int i = 0; i < 4; i++) {
            if (p[i] == 0) {
                if (q[i] < 0) {
                    return null;
                }
            } else {
                double r = q[i] / p[i];
                if (p[i] < 0) {
                    t0 = Math.max(t0, r);
                } else {
                    t1 = Math.min(t1, r);
                }
            }
        }
        if (t0 > t1) {
            return null;
        }
        return new double[] {
            t0 == 0 ? a[0] : a[0] + t0 * dx, t0 == 0 ? a[1] : a[1] + t0 * dy,
            t1 == 1 ? b[0] : a[0] + t1 * dx, t1 == 1 ? b[1] : a[1] + t1 * dy
        };
    }
}
